package org.wangge.responsibility;

/**
 * The responsibility list has a new version: published after the commit of a change on this
 * instance, and by the poll when another instance made one. Used by the incident package to reload
 * the rows in force.
 *
 * @param version the newest list version
 */
public record ResponsibilityListChanged(int version) {}
