package dev.estore.loader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventsFileHeaderTest {

    @Test
    void acceptsTheExactHeaderWithOrWithoutBomAndCarriageReturn() {
        assertThat(EventsFileHeader.problemWith(EventsFileHeader.EXPECTED)).isEmpty();
        assertThat(EventsFileHeader.problemWith("\uFEFF" + EventsFileHeader.EXPECTED + "\r")).isEmpty();
    }

    @Test
    void namesMissingAndUnexpectedColumnsAndTheFix() {
        String problem = EventsFileHeader.problemWith(
                "event_time,event_type,product_id,category_id,category_code,brand,cost,user_id,user_session").orElseThrow();
        assertThat(problem).contains("missing columns [price]").contains("unexpected columns [cost]")
                .contains("expected exactly '" + EventsFileHeader.EXPECTED + "'").contains("upload it again");
    }

    @Test
    void refusesAnExtraColumn() {
        assertThat(EventsFileHeader.problemWith(EventsFileHeader.EXPECTED + ",store_id").orElseThrow())
                .contains("unexpected columns [store_id]");
    }

    @Test
    void refusesColumnsInTheWrongOrder() {
        assertThat(EventsFileHeader.problemWith(
                "event_type,event_time,product_id,category_id,category_code,brand,price,user_id,user_session")
                .orElseThrow()).contains("wrong order");
    }

    @Test
    void refusesADataLineOrAnEmptyFirstLine() {
        assertThat(EventsFileHeader.problemWith("2019-10-01 00:00:00 UTC,view,1,2,,,1.00,3,s").orElseThrow())
                .contains("missing columns [event_time");
        assertThat(EventsFileHeader.problemWith("").orElseThrow()).contains("first line is empty");
    }

    @Test
    void refusesDuplicatedAndQuotedColumns() {
        assertThat(EventsFileHeader.problemWith(EventsFileHeader.EXPECTED + ",price").orElseThrow())
                .contains("duplicated");
        assertThat(EventsFileHeader.problemWith(EventsFileHeader.EXPECTED.replace("price", " price"))
                .orElseThrow()).contains("extra spaces");
    }
}
