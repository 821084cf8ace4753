package io.stepflow.connectors;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Task state's {@code Resource}, taken apart: which service does the work, which action it
 * performs, and how the state waits for it.
 *
 * <p>Three forms are understood:
 *
 * <ul>
 *   <li>A service integration, {@code arn:aws:states:::<service>:<action>[<suffix>]}, such as
 *       {@code arn:aws:states:::sqs:sendMessage.waitForTaskToken}: {@link
 *       Kind#SERVICE_INTEGRATION}, no region, account or name. For AWS SDK integrations ({@code
 *       arn:aws:states:::aws-sdk:s3:getObject}) the service is {@code aws-sdk} and the action keeps
 *       the SDK service in front: {@code s3:getObject}.
 *   <li>A Lambda function, {@code arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]}:
 *       {@link Kind#LAMBDA_FUNCTION}, service {@code lambda}, action {@code invoke}, pattern {@link
 *       IntegrationPattern#REQUEST_RESPONSE}; the name keeps a version or alias qualifier. Region
 *       and account may both be left out ({@code arn:aws:lambda:::function:<name>}, as in the
 *       talks' AWS Batch sample): the function is then the runtime's own, found by name.
 *   <li>An activity, {@code arn:aws:states:<region>:<account>:activity:<name>}: {@link
 *       Kind#ACTIVITY}, service {@code states}, action {@code activity}, pattern {@link
 *       IntegrationPattern#WAIT_FOR_TASK_TOKEN}, since the state completes only when a worker sends
 *       the task token back.
 * </ul>
 *
 * <p>Any partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...) is accepted and ignored.
 *
 * @param arn the Resource exactly as written in the definition
 * @param kind which of the three forms it is
 * @param service the service that does the work, such as {@code sqs}, {@code states}, {@code http}
 * @param action the action on that service, such as {@code sendMessage}, {@code startExecution}
 * @param integrationPattern how the state waits for the work
 * @param region the region of a Lambda function or activity; empty for service integrations and for
 *     Lambda functions written without region and account
 * @param account the account of a Lambda function or activity; empty for service integrations and
 *     for Lambda functions written without region and account
 * @param name the name of a Lambda function or activity; empty for service integrations
 */
public record ResourceArn(
    String arn,
    Kind kind,
    String service,
    String action,
    IntegrationPattern integrationPattern,
    Optional<String> region,
    Optional<String> account,
    Optional<String> name) {

  /** The three forms a Task Resource can take. */
  public enum Kind {
    SERVICE_INTEGRATION,
    LAMBDA_FUNCTION,
    ACTIVITY
  }

  private static final String EXPECTED_FORMS =
      "a Task Resource of the form arn:aws:states:::<service>:<action>"
          + "[.sync|.sync:2|.waitForTaskToken],"
          + " arn:aws:lambda:<region>:<account>:function:<name>"
          + " or arn:aws:states:<region>:<account>:activity:<name>";

  /** arn:partition:service:region:account:resource, the resource keeping any further colons. */
  private static final Pattern ARN =
      Pattern.compile("arn:(aws(?:-[a-z]+)*):([a-z0-9-]+):([^:]*):([^:]*):(.+)");

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-[0-9]+");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern ACTION = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  private static final Pattern SDK_ACTION =
      Pattern.compile("[a-z0-9][a-z0-9-]*:[A-Za-z][A-Za-z0-9]*");
  private static final Pattern FUNCTION_NAME =
      Pattern.compile("[A-Za-z0-9_-]{1,64}(?::(?:\\$LATEST|[A-Za-z0-9_-]+))?");
  private static final Pattern ACTIVITY_NAME =
      Pattern.compile("[^\\s:*?\"<>{}\\[\\]#%\\\\^|~`$&,;]{1,80}");

  public ResourceArn {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(integrationPattern, "integrationPattern");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Parses a Task state's Resource.
   *
   * @throws UnparsableResourceException when the text is none of the three forms; its message says
   *     what was expected and what was found
   */
  public static ResourceArn parse(String resource) {
    if (resource == null || resource.isBlank()) {
      throw new UnparsableResourceException(String.valueOf(resource), EXPECTED_FORMS);
    }
    Matcher arn = ARN.matcher(resource);
    if (!arn.matches()) {
      throw new UnparsableResourceException(resource, EXPECTED_FORMS);
    }
    String arnService = arn.group(2);
    String region = arn.group(3);
    String account = arn.group(4);
    String rest = arn.group(5);
    if (arnService.equals("states") && region.isEmpty() && account.isEmpty()) {
      return serviceIntegration(resource, rest);
    }
    if (arnService.equals("lambda")
        && region.isEmpty()
        && account.isEmpty()
        && rest.startsWith("function:")) {
      return lambdaFunction(resource, rest, Optional.empty(), Optional.empty());
    }
    if (region.isEmpty() || account.isEmpty()) {
      throw new UnparsableResourceException(resource, EXPECTED_FORMS);
    }
    if (!REGION.matcher(region).matches()) {
      throw new UnparsableResourceException(
          resource, "a region such as us-east-1 in the fourth field, not \"" + region + "\"");
    }
    if (!ACCOUNT.matcher(account).matches()) {
      throw new UnparsableResourceException(
          resource, "a 12-digit account id in the fifth field, not \"" + account + "\"");
    }
    if (arnService.equals("lambda") && rest.startsWith("function:")) {
      return lambdaFunction(resource, rest, Optional.of(region), Optional.of(account));
    }
    if (arnService.equals("states") && rest.startsWith("activity:")) {
      String name = rest.substring("activity:".length());
      if (!ACTIVITY_NAME.matcher(name).matches()) {
        throw new UnparsableResourceException(
            resource,
            "an activity name of 1 to 80 characters without blanks, colons or wildcards"
                + " after activity:");
      }
      return new ResourceArn(
          resource,
          Kind.ACTIVITY,
          "states",
          "activity",
          IntegrationPattern.WAIT_FOR_TASK_TOKEN,
          Optional.of(region),
          Optional.of(account),
          Optional.of(name));
    }
    throw new UnparsableResourceException(resource, EXPECTED_FORMS);
  }

  private static ResourceArn lambdaFunction(
      String resource, String rest, Optional<String> region, Optional<String> account) {
    String name = rest.substring("function:".length());
    if (!FUNCTION_NAME.matcher(name).matches()) {
      throw new UnparsableResourceException(
          resource,
          "a Lambda function name (letters, digits, - and _, at most 64) with an optional"
              + " :version or :alias after function:");
    }
    return new ResourceArn(
        resource,
        Kind.LAMBDA_FUNCTION,
        "lambda",
        "invoke",
        IntegrationPattern.REQUEST_RESPONSE,
        region,
        account,
        Optional.of(name));
  }

  private static ResourceArn serviceIntegration(String resource, String rest) {
    int colon = rest.indexOf(':');
    if (colon <= 0) {
      throw new UnparsableResourceException(
          resource, "<service>:<action> after arn:aws:states:::, such as sqs:sendMessage");
    }
    String service = rest.substring(0, colon);
    String actionAndSuffix = rest.substring(colon + 1);
    if (!SERVICE.matcher(service).matches()) {
      throw new UnparsableResourceException(
          resource, "a service name of lower-case letters, digits and - before the action");
    }
    boolean sdk = service.equals("aws-sdk");
    IntegrationPattern pattern = IntegrationPattern.REQUEST_RESPONSE;
    String action = actionAndSuffix;
    int dot = actionAndSuffix.indexOf('.');
    if (dot >= 0) {
      String suffix = actionAndSuffix.substring(dot);
      action = actionAndSuffix.substring(0, dot);
      pattern = patternFor(resource, suffix);
    }
    if (!(sdk ? SDK_ACTION : ACTION).matcher(action).matches()) {
      throw new UnparsableResourceException(
          resource,
          sdk
              ? "<sdk service>:<action> after aws-sdk:, such as aws-sdk:s3:getObject"
              : "an action name of letters and digits after "
                  + service
                  + ":, such as "
                  + service
                  + ":sendMessage");
    }
    return new ResourceArn(
        resource,
        Kind.SERVICE_INTEGRATION,
        service,
        action,
        pattern,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static IntegrationPattern patternFor(String resource, String suffix) {
    for (IntegrationPattern pattern : IntegrationPattern.values()) {
      if (!pattern.suffix().isEmpty() && pattern.suffix().equals(suffix)) {
        return pattern;
      }
    }
    throw new UnparsableResourceException(
        resource,
        "no suffix or one of .sync, .sync:2, .waitForTaskToken after the action, not \""
            + suffix
            + "\"");
  }
}
