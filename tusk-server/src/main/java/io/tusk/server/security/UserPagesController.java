package io.tusk.server.security;

import io.tusk.server.api.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The users page: the users of the workspaces the signed-in user administers, with their roles, and a form for a
 * new one. Through {@link UserController}: the same rules (an admin cannot make owners) and audit entries.
 */
@Controller
class UserPagesController {
    private final UserController api;
    private final Access access;

    UserPagesController(UserController api, Access access) {
        this.api = api;
        this.access = access;
    }

    @GetMapping("/users")
    String page(Model model) {
        if (access.workspaces(Role.ADMIN).isEmpty()) {
            throw new ApiException(org.springframework.http.HttpStatus.FORBIDDEN, null,
                    "managing users is for the admins and owners of a workspace: ask one of them");
        }
        return render(model, Map.of(), Map.of());
    }

    @PostMapping("/users")
    String create(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        try {
            Long workspace = form.get("workspaceId") == null || form.get("workspaceId").isBlank() ? null : Long.valueOf(form.get("workspaceId"));
            UserController.UserView created = api.create(new UserController.NewUser(form.getOrDefault("username", "").trim(),
                    form.get("password"), workspace, form.get("role")));
            redirect.addFlashAttribute("notice", "User \"" + created.username() + "\" created.");
            return "redirect:/users";
        } catch (ApiException e) {
            return render(model, Map.of(e.field() == null ? "form" : e.field(), e.getMessage()), form);
        } catch (NumberFormatException e) {
            return render(model, Map.of("workspaceId", "choose a workspace"), form);
        }
    }

    private String render(Model model, Map<String, String> errors, Map<String, String> form) {
        List<Access.Membership> managed = access.memberships().stream()
                .filter(m -> Role.of(m.role()).atLeast(Role.ADMIN)).toList();
        model.addAttribute("users", api.list());
        model.addAttribute("workspaces", managed);
        model.addAttribute("roles", List.of("viewer", "operator", "admin", "owner"));
        model.addAttribute("errors", errors);
        model.addAttribute("form", form);
        model.addAttribute("page", "users");
        return "users";
    }
}
