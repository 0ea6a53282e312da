package io.tusk.server.web;

import io.tusk.server.api.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers for the pages' forms: numbers typed as text, and errors keyed by the field they name. */
final class Forms {
    private Forms() {
    }

    /** Null for an empty field; an error on {@code field} for anything but a whole number. */
    static Integer integer(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, "\"" + text.trim() + "\" is not a whole number");
        }
    }

    static String text(String value) {
        return value == null ? "" : value;
    }

    /** The error keyed by its field, or by "form" when it names none. */
    static Map<String, String> errors(ApiException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(e.field() == null ? "form" : e.field(), e.getMessage());
        return errors;
    }
}
