package dev.latchkey.bench.ott;

import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where a sign-in lands; only there so that following the redirect by hand shows who signed in. */
@RestController
class HomeController {

  @GetMapping("/")
  String home(Principal principal) {
    return "Signed in as " + principal.getName() + "\n";
  }
}
