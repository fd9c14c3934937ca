/**
 * Evaluation (考核): the figures by which areas, team members and departments are judged over a
 * period (cases opened, due to close, closed, closure and on-time closure rates, rework and
 * extension rates, average times to accept and to close, follow-up satisfaction), aggregated in
 * SQL over the incident table and limited to the caller's jurisdiction in the same query; and the
 * areas' patrol coverage (巡查覆盖率), from package field. Serves
 * {@code GET /api/stats} (JSON and CSV) and {@code GET /api/stats/series} (the figures per week,
 * month or day, for charts). Owns no tables: it reads incidents, areas, members and
 * departments. {@link org.wangge.evaluation.EvaluationRow} defines every figure.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evaluation")
package org.wangge.evaluation;
