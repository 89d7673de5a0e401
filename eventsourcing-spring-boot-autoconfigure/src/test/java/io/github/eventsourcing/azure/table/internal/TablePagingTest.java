package io.github.eventsourcing.azure.table.internal;

import com.azure.data.tables.models.TableEntity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Page sizes of a growing Table query")
class TablePagingTest {

    private static List<TableEntity> rowsWithData(int count, int bytes) {
        return IntStream.range(0, count).mapToObj(i -> new TableEntity("p", RowKeys.event(i + 1))
                .addProperty(EventEntities.EVENT_ID, "id-" + i).addProperty(EventEntities.DATA, new byte[bytes]))
                .toList();
    }

    @Test
    @DisplayName("after a page of small rows, pages take Azure's maximum of 1,000 rows")
    void smallRows() {
        assertThat(RowIterator.laterPageSize(rowsWithData(200, 120), 200)).isEqualTo(1000);
    }

    @Test
    @DisplayName("after a page of large rows, pages stay at the first page's size, which bounds memory as before")
    void largeRows() {
        assertThat(RowIterator.laterPageSize(rowsWithData(200, 64 * 1024), 200)).isEqualTo(200);
    }

    @Test
    @DisplayName("rows in between get pages of about 4 MiB")
    void mediumRows() {
        int size = RowIterator.laterPageSize(rowsWithData(50, 8 * 1024), 200);
        assertThat(size).isBetween(400, 520);
        assertThat((long) size * 8 * 1024).isLessThanOrEqualTo(RowIterator.LATER_PAGE_BYTES);
    }

    @Test
    @DisplayName("an empty first page keeps its size")
    void emptyFirstPage() {
        assertThat(RowIterator.laterPageSize(List.of(), 200)).isEqualTo(200);
    }
}
