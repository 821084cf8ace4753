package io.stepflow.service;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest
class AdminUiRoutesTest {

  @Autowired MockMvc mvc;

  @Test
  void shouldSendABrowserOpeningTheRootToTheDashboard() throws Exception {
    // given the service with the admin-ui jar on its classpath

    // when a browser opens /
    // then it is redirected to the dashboard
    mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("/ui/"));
  }

  @Test
  void shouldServeTheDashboardPageAtItsFolder() throws Exception {
    // given the service with the admin-ui jar on its classpath

    // when the dashboard's folder is asked for
    // then its index.html answers it
    mvc.perform(get("/ui/")).andExpect(forwardedUrl("/ui/index.html"));
  }

  @Test
  void shouldServeTheDashboardModuleFromTheAdminUiJar() throws Exception {
    // given the service with the admin-ui jar on its classpath

    // when the page's module is fetched
    // then it comes from META-INF/resources/ui with a JavaScript type, as browsers require
    mvc.perform(get("/ui/app.js"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/javascript"))
        .andExpect(content().string(Matchers.containsString("/executions")));
  }
}
