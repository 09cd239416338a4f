package org.corridor.report.service;

import org.corridor.report.domain.Report;

import java.util.List;
import java.util.Map;

/** A report's cells as RFC 4180 CSV, one row per cell, optionally with HXL hashtags under the header. */
final class CsvWriter {

    private CsvWriter() {
    }

    static String write(Report report, boolean hxlTags) {
        var csv = new StringBuilder();
        line(csv, report.columns().stream().map(Report.Column::name).toList());
        if (hxlTags) {
            line(csv, report.columns().stream().map(Report.Column::hxl).toList());
        }
        for (Map<String, Object> cell : report.cells()) {
            line(csv, report.columns().stream().map(column -> text(cell.get(column.name()))).toList());
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quoted(fields.get(i)));
        }
        csv.append("\r\n");
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String quoted(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\r") || field.contains("\n")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
