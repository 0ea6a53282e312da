package io.tusk.server.audit;

import java.util.List;

/**
 * The audit log as CSV (RFC 4180). A cell that a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or carriage return) is prefixed with a quote: a username or object name chosen by an attacker must not
 * become a formula on an auditor's machine.
 */
final class AuditCsv {
    static final String HEADER = "id,time,user,action,object,detail,ip,outcome,workspace_id\r\n";

    private AuditCsv() {
    }

    static String of(List<AuditEvent> events) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (AuditEvent e : events) {
            csv.append(e.id()).append(',').append(e.at()).append(',').append(cell(e.user())).append(',').append(cell(e.action()))
                    .append(',').append(cell(e.object())).append(',').append(cell(e.detail())).append(',').append(cell(e.ip()))
                    .append(',').append(cell(e.outcome())).append(',').append(e.workspaceId() == null ? "" : e.workspaceId()).append("\r\n");
        }
        return csv.toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
