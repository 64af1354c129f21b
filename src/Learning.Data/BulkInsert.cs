using Microsoft.EntityFrameworkCore;

namespace Learning.Data;

/// <summary>One column of a <see cref="BulkInsert"/>: the entity's property and how to read its value from a row.</summary>
public sealed record BulkColumn<T>(string Property, Func<T, object?> Value);

/// <summary>
/// Rows written by multi-row INSERT statements in the context's current transaction, where one command per row would cost
/// more than the work (notifications to a whole province; an attempt's questions at an exam's synchronised start). Built with
/// <see cref="StoreCommand"/>: the table, the columns and each value's conversion and parameter come from the EF model, so
/// the rows are stored exactly as <c>SaveChanges</c> would store them, on SQLite and PostgreSQL alike; what is skipped is the
/// change tracker and one statement per row (which PostgreSQL would parse and plan one by one). Columns left out take their
/// defaults; the rows' own keys are not read back.
/// </summary>
public static class BulkInsert
{
    public static async Task RowsAsync<T>(DbContext db, IReadOnlyList<T> rows, IReadOnlyList<BulkColumn<T>> columns, int rowsPerStatement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        for (var start = 0; start < rows.Count; start += rowsPerStatement)
        {
            var command = new StoreCommand(db);
            command.For<T>().Insert(rows.Skip(start).Take(rowsPerStatement), columns);
            await command.ExecuteAsync(cancellationToken);
        }
    }
}
