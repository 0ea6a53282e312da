package io.tusk.server.web;

import io.tusk.TuskException;
import io.tusk.server.api.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors of the pages as a page, not as the API's problem details: ahead of the API's advice, which covers every
 * controller of the server. Form errors never get here: the pages show them next to their field.
 */
@ControllerAdvice(basePackageClasses = WebErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrorAdvice {
    @ExceptionHandler(ApiException.class)
    String api(ApiException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        return page(model, e.status().value(), e.status().getReasonPhrase(), e.getMessage());
    }

    @ExceptionHandler(TuskException.class)
    String tusk(TuskException e, Model model, HttpServletResponse response) {
        response.setStatus(422);
        return page(model, 422, "Unprocessable Content", e.getMessage());
    }

    private static String page(Model model, int status, String error, String message) {
        model.addAttribute("status", status);
        model.addAttribute("error", error);
        model.addAttribute("message", message);
        return "error";
    }
}
