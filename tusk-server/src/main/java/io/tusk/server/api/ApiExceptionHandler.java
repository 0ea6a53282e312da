package io.tusk.server.api;

import io.tusk.TuskException;
import java.net.URI;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every API error as problem details ({@code application/problem+json}), with the offending field when there is one. */
@RestControllerAdvice(basePackages = "io.tusk.server")
class ApiExceptionHandler {
    @ExceptionHandler(ApiException.class)
    ProblemDetail api(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.status().getReasonPhrase());
        problem.setType(URI.create("https://tusk.io/problems/" + e.status().value()));
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return problem;
    }

    /** The engine's and pipeline's errors are already one line saying what failed and what to check. */
    @ExceptionHandler(TuskException.class)
    ProblemDetail tusk(TuskException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setTitle("Unprocessable Content");
        return problem;
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "the name is already taken: choose another");
        problem.setTitle("Conflict");
        problem.setProperty("field", "name");
        return problem;
    }
}
