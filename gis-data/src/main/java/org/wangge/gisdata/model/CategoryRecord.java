package org.wangge.gisdata.model;

/**
 * One node of the two-level category tree (大类 / 小类).
 *
 * @param code 2 digits for a major class, 4 digits (major + minor) for a minor class
 * @param parentCode the major class of a minor class, {@code null} for a major class
 * @param departmentCode the department that handles it, {@code null} when the grid team does
 * @param deadlineWorkingHours time allowed to handle it, in working hours
 * @param dedupRadiusMetres reports of this class closer than this are possible duplicates
 */
public record CategoryRecord(
    String code,
    String name,
    String parentCode,
    String departmentCode,
    int deadlineWorkingHours,
    Risk defaultRisk,
    int dedupRadiusMetres) {}
