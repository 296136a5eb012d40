package dev.estore.deploy.checks.terraform;

import dev.estore.deploy.checks.terraform.Hcl.Expr;
import dev.estore.deploy.checks.terraform.Hcl.ListExpr;
import dev.estore.deploy.checks.terraform.Hcl.Literal;
import dev.estore.deploy.checks.terraform.Hcl.ObjectExpr;
import java.util.List;
import java.util.Map;

/** Reads literal values out of parsed expressions, failing with what was found instead. */
public final class TerraformValues {

    private TerraformValues() {
    }

    public static Map<String, Expr> object(Expr expr, String what) {
        if (expr instanceof ObjectExpr object) {
            return object.entries();
        }
        throw new AssertionError(what + " must be an object literal in the Terraform, found " + expr);
    }

    public static List<String> strings(Expr expr, String what) {
        if (expr instanceof ListExpr list) {
            return list.items().stream().map(item -> text(item, what)).toList();
        }
        throw new AssertionError(what + " must be a list literal in the Terraform, found " + expr);
    }

    /** A string, number or boolean literal as text. */
    public static String text(Expr expr, String what) {
        if (expr instanceof Literal literal && literal.value() != null) {
            return String.valueOf(literal.value());
        }
        throw new AssertionError(what + " must be a literal in the Terraform, found " + expr);
    }

    public static String raw(Expr expr) {
        return expr instanceof Hcl.Raw raw ? raw.text() : String.valueOf(expr);
    }
}
