package trading.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link CannedQuery} with checked argument values, one per parameter in order (null
 * for a limit means no limit). Made by {@link CannedQuery#bind}; run by {@link QueryRunner}.
 */
public record BoundQuery(CannedQuery query, List<Object> values) {

    public BoundQuery {
        if (values.size() != query.parameters().size()) {
            throw new IllegalArgumentException(query.queryName() + " takes " + query.parameters().size() + " values");
        }
        // List.copyOf refuses nulls, and null is a meaningful value here.
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The value bound to the parameter of that name, or null when it has none. */
    public Object value(String parameterName) {
        List<QueryParameter> parameters = query.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).name().equals(parameterName)) {
                return values.get(i);
            }
        }
        return null;
    }
}
