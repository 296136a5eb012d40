package dev.estore.gcp.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Skips a test class, with the reason, when the Pub/Sub emulator is not installed on this machine. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPubSubEmulator.Condition.class)
public @interface RequiresPubSubEmulator {

    class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return PubSubEmulator.installed()
                    ? ConditionEvaluationResult.enabled("Pub/Sub emulator found at " + PubSubEmulator.bin())
                    : ConditionEvaluationResult.disabled("SKIPPED: the Pub/Sub emulator is not installed at "
                            + PubSubEmulator.bin() + " (apt-get install google-cloud-cli-pubsub-emulator, or set "
                            + "PUBSUB_EMULATOR_BIN); the Pub/Sub emulator tests did not run");
        }
    }
}
