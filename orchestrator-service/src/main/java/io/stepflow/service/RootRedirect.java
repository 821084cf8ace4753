package io.stepflow.service;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Sends a browser at the root to the dashboard. A mapping of its own, not a view controller: {@code
 * POST /} belongs to the AWS-compatible API, and an annotated mapping on {@code /} would otherwise
 * answer {@code GET /} with 405 before any view controller is asked.
 */
@Controller
class RootRedirect {

  @GetMapping("/")
  String dashboard() {
    return "redirect:/ui/";
  }
}
