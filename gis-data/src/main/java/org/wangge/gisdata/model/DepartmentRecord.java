package org.wangge.gisdata.model;

/** A functional department (职能部门) that cases can be whistled to. */
public record DepartmentRecord(String code, String name, String phone) {}
