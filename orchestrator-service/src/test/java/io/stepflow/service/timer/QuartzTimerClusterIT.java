package io.stepflow.service.timer;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepflow.engine.Command;
import io.stepflow.engine.TimerService;
import io.stepflow.service.StepflowApplication;
import io.stepflow.service.execution.CommandInbox;
import io.stepflow.service.testsupport.PostgresDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Service instances on one PostgreSQL database, as in a cluster: each started as the real
 * application, all recording into one inbox.
 *
 * <p>In one JVM, Quartz keeps a single connection provider per scheduler name: the instance started
 * last serves them all. Only that instance sets timers here, since only its calls join its own
 * transactions; the others still compete to fire timers through the database's row locks, as
 * separate machines do. Instances are stopped oldest first.
 */
class QuartzTimerClusterIT {

  static PostgresDatabase database;

  private final RecordingCommandInbox inbox = new RecordingCommandInbox();
  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

  @BeforeAll
  static void createDatabase() {
    database = PostgresDatabase.create();
  }

  @AfterAll
  static void dropDatabase() {
    database.drop();
  }

  @AfterEach
  void stopInstances() {
    instances.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void shouldFireEachTimerOnceWhenTwoInstancesShareTheDatabase() {
    // given two instances of the service on one database
    ConfigurableApplicationContext first = startInstance();
    ConfigurableApplicationContext second = startInstance();
    String arn = TimerServiceBehaviour.newExecutionArn();

    // when twenty timers of one execution are set, all due now
    TimerService timers = second.getBean(TimerService.class);
    for (long id = 1; id <= 20; id++) {
      timers.schedule(arn, id, Instant.now());
    }

    // then FireTimer arrives for every timer exactly once, and no firing is left in progress
    inbox.awaitCommandsFor(arn, 20);
    JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
    RecordingCommandInbox.awaitUntil(() -> quartzRows(jdbc) == 0);
    assertThat(quartzRows(jdbc)).isZero();
    assertThat(inbox.commandsFor(arn))
        .containsExactlyInAnyOrderElementsOf(
            LongStream.rangeClosed(1, 20).mapToObj(Command.FireTimer::new).toList());
  }

  @Test
  void shouldFireATimerOfAStoppedInstanceOnAnother() {
    // given an instance that sets a timer a few seconds ahead and then stops
    ConfigurableApplicationContext first = startInstance();
    String arn = TimerServiceBehaviour.newExecutionArn();
    first.getBean(TimerService.class).schedule(arn, 1, Instant.now().plusSeconds(3));
    first.close();

    // when another instance starts on the same database
    startInstance();

    // then that instance fires the timer
    assertThat(inbox.awaitCommandsFor(arn, 1)).containsExactly(new Command.FireTimer(1));
  }

  private ConfigurableApplicationContext startInstance() {
    List<String> args = new ArrayList<>();
    database.register((name, value) -> args.add("--" + name + "=" + value.get()));
    ConfigurableApplicationContext instance =
        new SpringApplicationBuilder(StepflowApplication.class)
            .web(WebApplicationType.NONE)
            .initializers(
                context ->
                    ((GenericApplicationContext) context)
                        .registerBean(
                            "recordingCommandInbox",
                            CommandInbox.class,
                            () -> inbox,
                            definition -> definition.setPrimary(true)))
            .run(args.toArray(String[]::new));
    instances.add(instance);
    return instance;
  }

  private static int quartzRows(JdbcTemplate jdbc) {
    Integer rows =
        jdbc.queryForObject(
            "SELECT (SELECT COUNT(*) FROM qrtz_triggers) + (SELECT COUNT(*) FROM qrtz_fired_triggers)"
                + " + (SELECT COUNT(*) FROM qrtz_job_details)",
            Integer.class);
    return rows == null ? -1 : rows;
  }
}
