"""Role words in the user's language. Rules name each place's part in the arithmetic in
English ('differs', 'majority', 'total', 'part' …); a Chinese report shows them in Chinese
(不一致 / 多数 / 合计 / 组成项 …). A role the catalogue does not know (a table's caption,
which SCORE008 uses as the role) is shown as it is."""

from __future__ import annotations

ROLE_ZH: dict[str, str] = {
    "differs": "不一致",
    "majority": "多数",
    "total": "合计",
    "part": "组成项",
    "score": "得分",
    "weight": "分值",
    "rate": "比率",
    "count": "个数",
    "table": "表格",
    "text": "正文",
    "target": "目标值",
    "self": "自评",
    "evaluator": "评价组",
    "statement": "表述",
    "budget": "预算",
    "addition": "追加",
    "reduction": "调减",
    "received": "到位",
    "spent": "支出",
    "balance": "结余",
    "annex": "附件",
    "question": "问题",
    "option": "选项",
    "group": "分组",
    "grade": "等级",
    "date": "日期",
    "start": "开始",
    "end": "结束",
    "evaluation start": "评价开始",
    "report date": "报告日期",
    "fieldwork end": "现场工作结束",
    "year assessed": "评价年度",
    "share": "占比",
    "gap": "差值",
    "denominator": "分母",
    "numerator": "分子",
    "deduction": "扣分",
    "survey": "调查",
    "satisfaction": "满意度",
    "scope": "范围",
    "row": "行",
    "returned": "回收",
    "issued": "发放",
    "result": "结果",
    "reason": "原因",
    "problems": "问题清单",
    "percent": "百分比",
    "other": "其他",
    "name": "名称",
    "funds": "资金",
    "duration": "期限",
    "base": "基数",
    "answers": "回答",
    "standard": "评分标准",
    "deduction reason": "扣分理由",
    "denial": "否定表述",
    "assertion": "肯定表述",
}


def role_label(role: str | None, lang: str = "zh") -> str:
    if not role:
        return ""
    return role if lang == "en" else ROLE_ZH.get(role, role)
