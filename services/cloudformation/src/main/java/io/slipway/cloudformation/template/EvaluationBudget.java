package io.slipway.cloudformation.template;

import java.util.List;
import java.util.Map;

/**
 * What one evaluation of a template may produce, counted as it goes: characters of text, plus one
 * for each list element and map entry. Fn::Sub, Fn::Join, Fn::FindInMap, Ref and Fn::GetAtt can make
 * a small template stand for enormous values; counting what each produces stops that early, without
 * measuring any finished value again. Shared by the intrinsics of one {@link Evaluator}.
 */
final class EvaluationBudget {
    /** The budget ran out: the template is too large once evaluated. */
    static final class Exceeded extends TemplateException {
        Exceeded() {
            super("Template error: evaluating the template's intrinsic functions produces more than "
                    + Quotas.EVALUATED_SIZE + " characters");
        }
    }

    private long left = Quotas.EVALUATED_SIZE;

    void spend(long units) {
        left -= units;
        if (left < 0) {
            throw new Exceeded();
        }
    }

    /** Charges a value a function answered (a text, a list of texts, an attribute) with its whole size. */
    <T> T charge(T value) {
        spend(size(value));
        return value;
    }

    static long size(Object value) {
        return switch (value) {
            case String s -> s.length();
            case List<?> list -> {
                long n = list.size();
                for (Object element : list) {
                    n += size(element);
                }
                yield n;
            }
            case Map<?, ?> map -> {
                long n = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    n += String.valueOf(e.getKey()).length() + 1 + size(e.getValue());
                }
                yield n;
            }
            case null -> 1;
            default -> 8; // numbers and booleans
        };
    }
}
