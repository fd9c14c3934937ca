/**
 * Analysis and warning (研判预警, DOMAIN.md "The daily work" 5–6): the key list (重点清单) of
 * unresolved high-risk cases, each owned by a centre until it closes or an operator marks it
 * controlled ({@code key_case_control}, audited); and the weekly risk and hazard list
 * (风险隐患问题清单) of an area — cases by category, hot grids and addresses, overdue and high-risk
 * cases — as JSON, CSV, Excel, or the printable risk warning letter (风险提示函) to the area. Reads
 * the incident, category, area and address tables with grouped SQL queries limited to the caller's
 * jurisdiction; owns no case state. Uses {@link org.wangge.area.AreaService} for area names and the
 * dispatch working calendar's zone for weeks.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Key list and risk warnings")
package org.wangge.risk;
