package dev.pollfeed.testing;

/** Which packaging the tests run against: both share the tests, not the transport. */
public final class Transport {

    private Transport() {
    }

    /**
     * True in the default (AWS Lambda) build: requests reach the app through Quarkus's mock Lambda event server, which
     * like one Lambda execution environment handles one invocation at a time. False with {@code -Pserver}.
     */
    public static boolean lambda() {
        try {
            Class.forName("io.quarkus.amazon.lambda.http.LambdaHttpHandler", false, Transport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
