package io.slipway.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class against a Slipway in verification mode: its {@link SlipwayServer} (or
 * {@link PostgresNode}) starts with {@code --verify-signatures} and the suites' access keys as
 * operator keys ({@link SlipwayServer#verifying}). A subclass carrying it runs its parent's tests
 * again, signed for real, with nothing else repeated.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface VerifiesSignatures {
}
