package io.stepflow.service.security;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on a request, as AWS's SDKs and CLI sign them: the canonical
 * request, the string to sign over its scope, and the HMAC-SHA256 key chain derived from the
 * secret.
 */
final class SignatureV4 {

  /** Why a request is refused, with AWS's error code. */
  record Refusal(String code, String message) {}

  /** What the verifier needs of a request. */
  record Request(
      String method, String path, String query, Function<String, String> header, byte[] body) {}

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256\\s+Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
              + "SignedHeaders=([^,]+),\\s*Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Duration MAX_SKEW = Duration.ofMinutes(15);

  private final String accessKeyId;
  private final String secretAccessKey;

  SignatureV4(String accessKeyId, String secretAccessKey) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
  }

  /** Null when the request is signed by our key and unchanged; else why not. */
  Refusal verify(Request request, Instant now) {
    String authorization = request.header().apply("authorization");
    if (authorization == null) {
      return new Refusal(
          "MissingAuthenticationTokenException",
          "Expected an Authorization header with an AWS Signature Version 4, but found none");
    }
    Matcher m = AUTHORIZATION.matcher(authorization.trim());
    if (!m.matches()) {
      return new Refusal(
          "IncompleteSignatureException",
          "Expected the Authorization header to be AWS4-HMAC-SHA256 Credential=.../SignedHeaders=.../"
              + "Signature=..., but it is not");
    }
    String key = m.group(1);
    String date = m.group(2);
    String region = m.group(3);
    String service = m.group(4);
    List<String> signedHeaders = List.of(m.group(5).split(";"));
    String signature = m.group(6);
    if (!accessKeyId.equals(key)) {
      return new Refusal(
          "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    String amzDate = request.header().apply("x-amz-date");
    Instant signedAt;
    try {
      signedAt = amzDate == null ? null : Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      signedAt = null;
    }
    if (signedAt == null || !amzDate.startsWith(date)) {
      return new Refusal(
          "IncompleteSignatureException",
          "Expected an X-Amz-Date header (yyyyMMdd'T'HHmmss'Z') matching the credential's date");
    }
    if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
      return new Refusal(
          "InvalidSignatureException",
          "Signature expired: " + amzDate + " is more than 15 minutes from the server's time");
    }
    if (!signedHeaders.contains("host")) {
      return new Refusal(
          "IncompleteSignatureException", "Expected the Host header to be among the signed ones");
    }
    String payloadHash = request.header().apply("x-amz-content-sha256");
    if (payloadHash == null || payloadHash.startsWith("UNSIGNED")) {
      payloadHash = hex(sha256(request.body()));
    } else if (!payloadHash.equals(hex(sha256(request.body())))) {
      return new Refusal(
          "InvalidSignatureException", "The body does not match X-Amz-Content-Sha256");
    }
    StringBuilder canonical = new StringBuilder();
    canonical.append(request.method()).append('\n');
    canonical.append(canonicalPath(request.path())).append('\n');
    canonical.append(canonicalQuery(request.query())).append('\n');
    for (String name : signedHeaders) {
      String value = request.header().apply(name);
      canonical
          .append(name)
          .append(':')
          .append(value == null ? "" : value.trim().replaceAll("\\s+", " "))
          .append('\n');
    }
    canonical.append('\n').append(String.join(";", signedHeaders)).append('\n');
    canonical.append(payloadHash);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    byte[] signingKey =
        hmac(
            hmac(
                hmac(
                    hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date),
                    region),
                service),
            "aws4_request");
    byte[] expected = hmac(signingKey, toSign);
    if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature))) {
      return new Refusal(
          "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided. Check"
              + " your AWS Secret Access Key and signing method.");
    }
    return null;
  }

  private static String canonicalPath(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/", -1)) {
      segments.add(encode(URLDecoder.decode(segment, StandardCharsets.UTF_8)));
    }
    return String.join("/", segments);
  }

  private static String canonicalQuery(String query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    Map<String, List<String>> params = new TreeMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String k =
          encode(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8));
      String v =
          eq < 0 ? "" : encode(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    List<String> parts = new ArrayList<>();
    params.forEach((k, vs) -> vs.stream().sorted().forEach(v -> parts.add(k + "=" + v)));
    return String.join("&", parts);
  }

  /** RFC 3986 encoding, as SigV4 wants it: unreserved characters stay, spaces are %20. */
  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Expected the JDK to provide SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Expected the JDK to provide HmacSHA256", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT);
  }
}
