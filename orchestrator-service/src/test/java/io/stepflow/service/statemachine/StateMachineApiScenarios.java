package io.stepflow.service.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.stepflow.service.StepflowException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.CreateStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TooManyTagsException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionDiagnostic;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionSeverity;

/**
 * The state machine API as the AWS SDK for Java sees it. Subclasses choose the database; every test
 * uses names of its own, so they share one service.
 */
// Closed after the class: Quartz shares its connection provider by scheduler name across a JVM,
// so a cached context's scheduler would run on the next context's database.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class StateMachineApiScenarios {

  static final String ROLE = "arn:aws:iam::123456789012:role/stepflow";
  static final String PASS =
      "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}";
  static final String SUCCEED = "{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Succeed\"}}}";
  static final String MISSING_NEXT =
      "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"Nowhere\"}}}";

  @LocalServerPort int port;
  @Autowired StateMachineCatalog catalog;

  SfnClient sfn;

  @BeforeEach
  void client() {
    sfn =
        SfnClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
  }

  @AfterEach
  void close() {
    sfn.close();
  }

  @Test
  void shouldCreateAStateMachineAndDescribeItAsAwsDoes() {
    // given a valid definition and a fresh name
    String name = unique("orders");
    Instant before = Instant.now().minusSeconds(1);

    // when the state machine is created and described
    CreateStateMachineResponse created = create(name, PASS);
    DescribeStateMachineResponse described =
        sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));

    // then it is ACTIVE, STANDARD by default, with the definition and role as given
    assertThat(created.stateMachineArn())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:" + name);
    assertThat(created.creationDate()).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(described.name()).isEqualTo(name);
    assertThat(described.status()).isEqualTo(StateMachineStatus.ACTIVE);
    assertThat(described.type()).isEqualTo(StateMachineType.STANDARD);
    assertThat(described.definition()).isEqualTo(PASS);
    assertThat(described.roleArn()).isEqualTo(ROLE);
    assertThat(described.creationDate()).isEqualTo(created.creationDate());
    assertThat(described.revisionId()).isNotBlank();
  }

  @Test
  void shouldKeepThePublishedVersionWhenAnUpdateIsPublished() {
    // given a state machine published as version 1
    String name = unique("versions");
    CreateStateMachineResponse created =
        sfn.createStateMachine(
            b ->
                b.name(name)
                    .definition(PASS)
                    .roleArn(ROLE)
                    .publish(true)
                    .versionDescription("first"));
    String revisionBefore =
        sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn())).revisionId();

    // when its definition is updated and published
    var updated =
        sfn.updateStateMachine(
            b ->
                b.stateMachineArn(created.stateMachineArn())
                    .definition(SUCCEED)
                    .publish(true)
                    .versionDescription("second"));

    // then version 2 has the new definition, version 1 still the old one, and the revision changed
    assertThat(created.stateMachineVersionArn()).isEqualTo(created.stateMachineArn() + ":1");
    assertThat(updated.stateMachineVersionArn()).isEqualTo(created.stateMachineArn() + ":2");
    assertThat(updated.revisionId()).isNotEqualTo(revisionBefore);
    var v1 = sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineVersionArn()));
    assertThat(v1.stateMachineArn()).isEqualTo(created.stateMachineVersionArn());
    assertThat(v1.definition()).isEqualTo(PASS);
    assertThat(v1.description()).isEqualTo("first");
    assertThat(v1.revisionId()).isEqualTo(revisionBefore);
    var current = sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));
    assertThat(current.definition()).isEqualTo(SUCCEED);
    assertThat(current.revisionId()).isEqualTo(updated.revisionId());
    assertThat(
            sfn.listStateMachineVersions(b -> b.stateMachineArn(created.stateMachineArn()))
                .stateMachineVersions())
        .extracting(v -> v.stateMachineVersionArn())
        .containsExactly(updated.stateMachineVersionArn(), created.stateMachineVersionArn());
  }

  @Test
  void shouldPublishTheCurrentRevisionOnlyOnceAndRejectAStaleRevisionId() {
    // given a state machine never updated
    String arn = create(unique("publish"), PASS).stateMachineArn();

    // when it is published twice, the first time for the INITIAL revision
    var first = sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId("INITIAL"));
    var again = sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn));

    // then both answers name version 1, and a revisionId that is not current is a conflict
    assertThat(first.stateMachineVersionArn()).isEqualTo(arn + ":1");
    assertThat(again.stateMachineVersionArn()).isEqualTo(arn + ":1");
    assertThat(again.creationDate()).isEqualTo(first.creationDate());
    assertThatThrownBy(
            () -> sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn).revisionId("stale")))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void shouldPageThroughStateMachinesInNameOrder() {
    // given five state machines sharing a prefix
    String prefix = unique("page");
    List<String> names =
        IntStream.range(0, 5).mapToObj(i -> prefix + "-" + i).peek(n -> create(n, PASS)).toList();

    // when all are listed two at a time
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      ListStateMachinesResponse page = sfn.listStateMachines(b -> b.maxResults(2).nextToken(next));
      assertThat(page.stateMachines()).hasSizeLessThanOrEqualTo(2);
      page.stateMachines().stream()
          .map(StateMachineListItem::name)
          .filter(n -> n.startsWith(prefix))
          .forEach(seen::add);
      token = page.nextToken();
      pages++;
    } while (token != null);

    // then every one is seen once, in name order, over at least three pages
    assertThat(seen).containsExactlyElementsOf(names);
    assertThat(pages).isGreaterThanOrEqualTo(3);
  }

  @Test
  void shouldDeleteAStateMachineWithItsVersions() {
    // given a published state machine
    var created =
        sfn.createStateMachine(
            b -> b.name(unique("gone")).definition(PASS).roleArn(ROLE).publish(true));

    // when it is deleted
    sfn.deleteStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));

    // then neither it nor its version can be described, and deleting again is no error
    assertThatThrownBy(
            () -> sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn())))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(
            () ->
                sfn.describeStateMachine(b -> b.stateMachineArn(created.stateMachineVersionArn())))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    sfn.deleteStateMachine(b -> b.stateMachineArn(created.stateMachineArn()));
  }

  @Test
  void shouldAnswerTheSameCreateAgainButRejectAnotherDefinitionUnderTheSameName() {
    // given an existing state machine
    String name = unique("dup");
    CreateStateMachineResponse first = create(name, PASS);

    // when the same request is repeated, and one with another definition is made
    CreateStateMachineResponse again = create(name, PASS);

    // then the repeat answers with the original and the other is StateMachineAlreadyExists
    assertThat(again.creationDate()).isEqualTo(first.creationDate());
    assertThatThrownBy(() -> create(name, SUCCEED))
        .isInstanceOf(StateMachineAlreadyExistsException.class)
        .hasMessageContaining(first.stateMachineArn());
  }

  @Test
  void shouldRejectAnInvalidDefinitionNamingWhereTheProblemIs() {
    // given a definition whose Next names no state
    // when it is created, then InvalidDefinition names the code and the location
    assertThatThrownBy(() -> create(unique("bad"), MISSING_NEXT))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("MISSING_TRANSITION_TARGET")
        .hasMessageContaining("/States/A/Next");
  }

  @Test
  void shouldRejectNamesAwsDoesNotAllow() {
    // given names with a space and with 81 characters
    // when created, then InvalidName is the answer
    assertThatThrownBy(() -> create("has space", PASS)).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> create("x".repeat(81), PASS)).isInstanceOf(InvalidNameException.class);
  }

  @Test
  void shouldReportAnUnknownStateMachine() {
    // given an ARN of a state machine never created
    String arn = "arn:aws:states:us-east-1:123456789012:stateMachine:" + unique("none");

    // when it is described, updated or resolved, then it does not exist
    assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(arn)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(PASS)))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(() -> catalog.resolveForExecution(arn))
        .isInstanceOf(StepflowException.class)
        .satisfies(
            e -> {
              assertThat(((StepflowException) e).code()).isEqualTo("StateMachineDoesNotExist");
              assertThat(((StepflowException) e).kind())
                  .isEqualTo(StepflowException.Kind.NOT_FOUND);
            });
  }

  @Test
  void shouldValidateAGoodDefinitionAsOk() {
    // given a valid definition
    // when it is validated
    ValidateStateMachineDefinitionResponse response =
        sfn.validateStateMachineDefinition(b -> b.definition(PASS));

    // then the result is OK without diagnostics
    assertThat(response.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
    assertThat(response.diagnostics()).isEmpty();
    assertThat(response.truncated()).isFalse();
  }

  @Test
  void shouldValidateABrokenDefinitionAsFailWithTheDiagnostic() {
    // given a definition whose Next names no state
    // when it is validated
    ValidateStateMachineDefinitionResponse response =
        sfn.validateStateMachineDefinition(b -> b.definition(MISSING_NEXT));

    // then the result is FAIL with an ERROR at the Next field, first among the errors
    assertThat(response.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
    assertThat(response.diagnostics())
        .extracting(
            ValidateStateMachineDefinitionDiagnostic::severity,
            ValidateStateMachineDefinitionDiagnostic::code,
            ValidateStateMachineDefinitionDiagnostic::location)
        .first()
        .isEqualTo(
            tuple(
                ValidateStateMachineDefinitionSeverity.ERROR,
                "MISSING_TRANSITION_TARGET",
                "/States/A/Next"));
    assertThat(response.diagnostics().getFirst().message()).contains("Nowhere");
  }

  @Test
  void shouldRouteAnAliasByItsWeightsAndProtectItsVersions() {
    // given a state machine with two versions
    String arn = create(unique("alias"), PASS).stateMachineArn();
    String v1 =
        sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn)).stateMachineVersionArn();
    String v2 =
        sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(SUCCEED).publish(true))
            .stateMachineVersionArn();

    // when an alias splits 50/50 between them
    String alias =
        sfn.createStateMachineAlias(
                b ->
                    b.name("live")
                        .description("canary")
                        .routingConfiguration(route(v1, 50), route(v2, 50)))
            .stateMachineAliasArn();

    // then it is described as created, and executions are resolved to both versions
    assertThat(alias).isEqualTo(arn + ":live");
    var described = sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias));
    assertThat(described.name()).isEqualTo("live");
    assertThat(described.description()).isEqualTo("canary");
    assertThat(described.routingConfiguration()).containsExactly(route(v1, 50), route(v2, 50));
    Set<String> picked = new HashSet<>();
    Set<String> definitions = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      ResolvedStateMachine resolved = catalog.resolveForExecution(alias);
      assertThat(resolved.aliasArn()).isEqualTo(alias);
      assertThat(resolved.stateMachineArn()).isEqualTo(arn);
      picked.add(resolved.versionArn());
      definitions.add(resolved.definition());
    }
    assertThat(picked).containsExactlyInAnyOrder(v1, v2);
    assertThat(definitions).containsExactlyInAnyOrder(PASS, SUCCEED);

    // and when the alias is moved wholly to version 2, every execution gets version 2
    sfn.updateStateMachineAlias(
        b -> b.stateMachineAliasArn(alias).routingConfiguration(route(v2, 100)));
    assertThat(
            IntStream.range(0, 50)
                .mapToObj(i -> catalog.resolveForExecution(alias).versionArn())
                .distinct())
        .containsExactly(v2);

    // and a version an alias routes to cannot be deleted; one it does not route to can
    assertThatThrownBy(() -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(v2)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(alias);
    sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(v1));
    assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(arn)).stateMachineAliases())
        .extracting(a -> a.stateMachineAliasArn())
        .containsExactly(alias);

    // and once deleted the alias is gone
    sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(alias));
    assertThatThrownBy(() -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> catalog.resolveForExecution(alias))
        .isInstanceOf(StepflowException.class)
        .hasMessageContaining("State Machine Does Not Exist");
  }

  @Test
  void shouldRejectAnAliasWhoseWeightsDoNotAddUpToOneHundred() {
    // given a published version
    String arn = create(unique("weights"), PASS).stateMachineArn();
    String v1 =
        sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn)).stateMachineVersionArn();

    // when an alias gives it 90, then the request is invalid
    assertThatThrownBy(
            () ->
                sfn.createStateMachineAlias(
                    b -> b.name("half").routingConfiguration(route(v1, 90))))
        .isInstanceOf(software.amazon.awssdk.services.sfn.model.ValidationException.class)
        .hasMessageContaining("add up to 100");
  }

  @Test
  void shouldResolveTheCurrentRevisionAndVersionsForExecutions() {
    // given a state machine with version 1, then updated
    String arn = create(unique("resolve"), PASS).stateMachineArn();
    String v1 =
        sfn.publishStateMachineVersion(b -> b.stateMachineArn(arn)).stateMachineVersionArn();
    sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(SUCCEED));

    // when the unqualified and the version ARN are resolved
    ResolvedStateMachine current = catalog.resolveForExecution(arn);
    ResolvedStateMachine version = catalog.resolveForExecution(v1);

    // then the first runs the current definition, the second the published one
    assertThat(current.definition()).isEqualTo(SUCCEED);
    assertThat(current.versionArn()).isNull();
    assertThat(current.aliasArn()).isNull();
    assertThat(current.type()).isEqualTo("STANDARD");
    assertThat(version.definition()).isEqualTo(PASS);
    assertThat(version.versionArn()).isEqualTo(v1);
    assertThat(version.roleArn()).isEqualTo(ROLE);
  }

  @Test
  void shouldTagUntagAndListTagsOfAStateMachine() {
    // given a state machine created with one tag
    String arn =
        sfn.createStateMachine(
                b ->
                    b.name(unique("tags"))
                        .definition(PASS)
                        .roleArn(ROLE)
                        .tags(tag("team", "payments")))
            .stateMachineArn();

    // when two tags are added (one overwriting) and one removed
    sfn.tagResource(b -> b.resourceArn(arn).tags(tag("team", "billing"), tag("env", "prod")));
    sfn.untagResource(b -> b.resourceArn(arn).tagKeys("env"));

    // then the tags are as last written
    assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags())
        .containsExactly(tag("team", "billing"));
  }

  @Test
  void shouldRejectTagsOfUnknownResourcesAndMoreThanFiftyTags() {
    // given a state machine and an ARN of none
    String arn = create(unique("limits"), PASS).stateMachineArn();
    String unknown = arn + "-unknown";
    List<Tag> fiftyOne = IntStream.range(0, 51).mapToObj(i -> tag("k" + i, "v")).toList();

    // when tagged, then the unknown one is not found and fifty-one tags are too many
    assertThatThrownBy(() -> sfn.tagResource(b -> b.resourceArn(unknown).tags(tag("a", "b"))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> sfn.tagResource(b -> b.resourceArn(arn).tags(fiftyOne)))
        .isInstanceOf(TooManyTagsException.class);
    assertThat(sfn.listTagsForResource(b -> b.resourceArn(arn)).tags()).isEmpty();
  }

  private CreateStateMachineResponse create(String name, String definition) {
    return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE));
  }

  private static RoutingConfigurationListItem route(String versionArn, int weight) {
    return RoutingConfigurationListItem.builder()
        .stateMachineVersionArn(versionArn)
        .weight(weight)
        .build();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
