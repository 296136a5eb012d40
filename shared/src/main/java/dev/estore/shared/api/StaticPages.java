package dev.estore.shared.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** A short address for a page served as static files: a redirect to its index.html that keeps the query. */
public final class StaticPages {

    private StaticPages() {
    }

    /** {@code page}: the page's folder, e.g. {@code /dashboard}; the query (filters, a run id) goes along. */
    public static Response redirectToIndex(UriInfo request, String page) {
        String query = request.getRequestUri().getRawQuery();
        return Response.seeOther(URI.create(page + "/index.html" + (query == null ? "" : "?" + query))).build();
    }
}
