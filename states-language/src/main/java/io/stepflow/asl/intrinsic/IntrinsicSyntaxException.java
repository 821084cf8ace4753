package io.stepflow.asl.intrinsic;

/** An intrinsic function call that cannot be parsed; the message says where and why. */
final class IntrinsicSyntaxException extends RuntimeException {

  IntrinsicSyntaxException(String message) {
    super(message);
  }
}
