package io.tusk.server.web;

import io.tusk.server.security.FirstRun;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The sign-in page, and the first-run page that creates the first user while there is none. Both post to the JSON
 * API from a script of the server's own (the pages' CSP allows no inline script).
 */
@Controller
class SignInPageController {
    private final FirstRun firstRun;

    SignInPageController(FirstRun firstRun) {
        this.firstRun = firstRun;
    }

    @GetMapping("/login")
    String login(Model model) {
        if (firstRun.needed()) {
            return "redirect:/setup";
        }
        model.addAttribute("setup", false);
        return "sign-in";
    }

    @GetMapping("/setup")
    String setup(Model model) {
        if (!firstRun.needed()) {
            return "redirect:/login";
        }
        model.addAttribute("setup", true);
        return "sign-in";
    }

    /** From the header's form (so it carries the CSRF token): ends the session, back to the sign-in page. */
    @PostMapping("/sign-out")
    String signOut(HttpServletRequest request) throws ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return "redirect:/login";
    }
}
