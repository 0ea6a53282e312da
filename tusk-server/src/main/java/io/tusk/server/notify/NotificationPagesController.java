package io.tusk.server.notify;

import io.tusk.notify.ChannelTest;
import io.tusk.notify.EventType;
import io.tusk.notify.NotifierFactory;
import io.tusk.server.api.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The notifications page: the channels of the user's workspaces with their last deliveries, a "send test" button
 * each, and a form for a new channel. It goes through {@link NotifierController}, so the page and the API check
 * the same roles and write the same audit entries.
 */
@Controller
class NotificationPagesController {
    private static final int DELIVERIES_SHOWN = 5;
    private final NotifierController api;
    private final NotifierFactory factory = new NotifierFactory();

    NotificationPagesController(NotifierController api) {
        this.api = api;
    }

    @GetMapping("/notifications")
    String page(Model model) {
        return render(model, Map.of(), Map.of());
    }

    @PostMapping("/notifications")
    String create(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, String> values = form.toSingleValueMap();
        try {
            NotifierView created = api.create(new NotifierRequest(values.getOrDefault("name", "").trim(), values.get("type"),
                    pairs(values.get("settings")), pairs(values.get("secrets")), form.get("event"),
                    values.containsKey("isDefault"), null));
            redirect.addFlashAttribute("notice", "Channel \"" + created.name() + "\" created.");
            return "redirect:/notifications";
        } catch (ApiException e) {
            return render(model, Map.of(e.field() == null ? "form" : e.field(), e.getMessage()), values);
        }
    }

    @PostMapping("/notifications/{id}/test")
    String test(@PathVariable long id, RedirectAttributes redirect) {
        ChannelTest.Result result = api.test(id);
        if (result.delivered()) {
            redirect.addFlashAttribute("notice", "Test message delivered in " + result.took().toMillis() + " ms.");
        } else {
            redirect.addFlashAttribute("problem", "The test message was not delivered: " + result.error());
        }
        return "redirect:/notifications";
    }

    private String render(Model model, Map<String, String> errors, Map<String, String> form) {
        List<NotifierView> channels = api.list();
        Map<Long, List<DeliveryRecord>> deliveries = new LinkedHashMap<>();
        for (NotifierView n : channels) {
            deliveries.put(n.id(), api.deliveries(n.id(), DELIVERIES_SHOWN));
        }
        List<String> events = new ArrayList<>();
        for (EventType t : EventType.values()) {
            if (t != EventType.TEST) {
                events.add(t.key());
            }
        }
        Map<String, String> secretKeys = new LinkedHashMap<>();
        for (String type : factory.channelTypes()) {
            secretKeys.put(type, String.join(", ", factory.secretKeys(type)));
        }
        model.addAttribute("channels", channels);
        model.addAttribute("deliveries", deliveries);
        model.addAttribute("types", factory.channelTypes());
        model.addAttribute("secretKeys", secretKeys);
        model.addAttribute("events", events);
        model.addAttribute("defaultEvents", EventType.values().length == 0 ? List.of()
                : java.util.Arrays.stream(EventType.values()).filter(EventType::defaultEnabled).map(EventType::key).toList());
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        model.addAttribute("page", "notifications");
        return "notifications";
    }

    /** "key=value" lines, as the form's text areas take a channel's settings and secrets. */
    static Map<String, String> pairs(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null) {
            return values;
        }
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw ApiException.badRequest("settings", "each line is KEY=VALUE, but \"" + (trimmed.length() > 40 ? trimmed.substring(0, 40) + "..." : trimmed)
                        + "\" has no '='");
            }
            values.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
        }
        return values;
    }
}
