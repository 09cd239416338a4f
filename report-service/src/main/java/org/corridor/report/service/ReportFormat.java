package org.corridor.report.service;

/** How a report is written: JSON, CSV with one row per cell, or that CSV with a second row of HXL hashtags. */
public enum ReportFormat {
    JSON, CSV, HXL
}
