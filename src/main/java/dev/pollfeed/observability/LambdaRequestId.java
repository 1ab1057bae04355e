package dev.pollfeed.observability;

import java.lang.reflect.Method;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * The AWS request id of the current invocation, which ties a log line to the Lambda service's own START/END/REPORT
 * lines. The Lambda HTTP handler attaches the invocation's {@code Context} to the request headers; the server build
 * has no AWS classes at all, hence the lookup by name.
 */
@RegisterForReflection(classNames = LambdaRequestId.CONTEXT_CLASS, methods = true, fields = false)
final class LambdaRequestId {

    /** Registered for reflection so that the lookup also works in a native build. */
    static final String CONTEXT_CLASS = "com.amazonaws.services.lambda.runtime.Context";

    private LambdaRequestId() {
    }

    /** The request id, or null outside Lambda. */
    static String of(HttpServerRequest request) {
        if (request == null || !(request.headers() instanceof QuarkusHttpHeaders headers)) {
            return null;
        }
        for (Map.Entry<Class<?>, Object> entry : headers.getContextObjects().entrySet()) {
            if (entry.getKey().getName().equals(CONTEXT_CLASS) && entry.getValue() != null) {
                try {
                    Method id = entry.getKey().getMethod("getAwsRequestId");
                    return (String) id.invoke(entry.getValue());
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
