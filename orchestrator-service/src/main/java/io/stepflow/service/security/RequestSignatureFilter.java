package io.stepflow.service.security;

import io.stepflow.service.AwsSettings;
import io.stepflow.service.aws.AwsErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When credentials are configured: every request to the AWS-compatible API must carry a valid
 * Signature Version 4 by that key, and the REST API takes the same key pair with HTTP Basic.
 * Without credentials the filter lets everything through (the service then listens on loopback
 * only, see {@link LoopbackOnlyWithoutCredentials}). Registered by {@link SecurityConfiguration}.
 */
class RequestSignatureFilter extends OncePerRequestFilter {

  private final AwsSettings settings;
  private final SignatureV4 signatures;
  private final Clock clock;

  RequestSignatureFilter(AwsSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.signatures =
        settings.requiresSignature()
            ? new SignatureV4(settings.accessKeyId(), settings.secretAccessKey())
            : null;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    if (!settings.requiresSignature()) {
      return true;
    }
    String path = request.getRequestURI();
    boolean awsApi = "/".equals(path) && "POST".equals(request.getMethod());
    return !awsApi && !path.startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getRequestURI().startsWith("/api/")) {
      if (basicMatches(request.getHeader("Authorization"))) {
        chain.doFilter(request, response);
      } else {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"stepflow\"");
        response.setContentType("application/problem+json");
        response
            .getOutputStream()
            .write(
                ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"Expected HTTP Basic credentials: the configured access key"
                        + " id and secret\",\"code\":\"Unauthorized\"}")
                    .getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    SignatureV4.Refusal refusal =
        signatures.verify(
            new SignatureV4.Request(
                request.getMethod(),
                request.getRequestURI(),
                request.getQueryString(),
                request::getHeader,
                body),
            clock.instant());
    if (refusal != null) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType(AwsErrors.AMZ_JSON.toString());
      response.setHeader("x-amzn-ErrorType", refusal.code());
      response
          .getOutputStream()
          .write(
              AwsErrors.body(refusal.code(), refusal.message()).getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(new CachedBody(request, body), response);
  }

  private boolean basicMatches(String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] expected =
        (settings.accessKeyId() + ":" + settings.secretAccessKey())
            .getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, expected);
  }

  /** The request with its body read once, for the signature, and served again to the controller. */
  private static final class CachedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("Expected blocking reads of a cached body");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(
          new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
