package dev.estore.gcp.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.estore.shared.contracts.Topic;
import dev.estore.shared.contracts.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageContractsReflectionTest {

    @Test
    void everyTypeTheCodecBindsIsRegisteredForTheNativeBuild() {
        Set<Class<?>> bound = new LinkedHashSet<>();
        for (Topic<?> topic : Topics.ALL) {
            collect(topic.type(), bound);
        }
        List<Class<?>> registered =
                List.of(MessageContractsReflection.class.getAnnotation(RegisterForReflection.class).targets());

        assertThat(bound).as("the message contracts and the project types inside them").hasSizeGreaterThan(Topics.ALL.size());
        assertThat(registered).as("add the missing ones to MessageContractsReflection's targets, or a native app"
                + " cannot read or write those messages").containsAll(bound);
    }

    /** The type and, through record components and type arguments, every project type inside it. */
    private static void collect(Type type, Set<Class<?>> into) {
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, into);
            }
            return;
        }
        if (!(type instanceof Class<?> clazz) || !clazz.getName().startsWith("dev.estore.") || !into.add(clazz)) {
            return;
        }
        if (clazz.isRecord()) {
            for (RecordComponent component : clazz.getRecordComponents()) {
                collect(component.getGenericType(), into);
            }
        }
    }
}
