package io.tusk.server.audit;

import io.tusk.server.api.ApiException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log, filterable, for the admins and owners of a workspace; the CSV export is the API's. */
@Controller
class AuditPageController {
    private static final int SHOWN = 500;
    private final AuditController api;

    AuditPageController(AuditController api) {
        this.api = api;
    }

    @GetMapping("/audit")
    String page(@RequestParam(required = false) String user, @RequestParam(required = false) String action,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        List<AuditEvent> events;
        try {
            events = api.list(blank(user), blank(action), blank(from), blank(to), SHOWN);
            model.addAttribute("problem", null);
        } catch (ApiException e) {
            if (e.status().value() == 403) {
                throw e;
            }
            events = List.of();
            model.addAttribute("problem", e.getMessage());
        }
        model.addAttribute("events", events);
        model.addAttribute("user", user);
        model.addAttribute("action", action);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("page", "audit");
        return "audit";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
