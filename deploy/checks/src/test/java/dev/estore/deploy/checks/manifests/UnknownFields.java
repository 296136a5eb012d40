package dev.estore.deploy.checks.manifests;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds what the fabric8 model read but could not place: the model keeps fields it does not know, and values of
 * the wrong type, in {@code additionalProperties} instead of failing. Any entry there is a field the Kubernetes
 * (or Knative) API schema lacks at that path, e.g. a misspelt {@code readinesProbe}. Also reports values the
 * model refuses to interpret, such as a malformed quantity.
 */
public final class UnknownFields {

    private UnknownFields() {
    }

    /** One message per unknown field or invalid value, with its path from the object's root. */
    public static List<String> in(Object root, String rootName) {
        List<String> problems = new ArrayList<>();
        walk(root, rootName, problems);
        return problems;
    }

    private static void walk(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, problems));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!isGetter(getter)) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (InvocationTargetException e) {
                problems.add(path + ": an invalid value (" + e.getCause().getMessage() + ")");
                continue;
            } catch (IllegalAccessException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": fields not in the API schema (or of the wrong type): " + extra.keySet());
                }
            } else {
                walk(child, path + "." + property(getter), problems);
            }
        }
    }

    private static boolean isGetter(Method m) {
        return m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                && m.getDeclaringClass().getName().startsWith("io.fabric8.")
                && (m.getName().startsWith("get") || m.getName().startsWith("is"))
                && m.getReturnType() != void.class;
    }

    private static String property(Method getter) {
        String name = getter.getName().replaceFirst("^(get|is)", "");
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
