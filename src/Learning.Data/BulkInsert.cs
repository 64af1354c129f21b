using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Learning.Data;

/// <summary>One column of a <see cref="BulkInsert"/>: the entity's property and how to read its value from a row.</summary>
public sealed record BulkColumn<T>(string Property, Func<T, object?> Value);

/// <summary>
/// Rows written by multi-row INSERT statements on the context's connection and transaction, where one command per row would
/// cost more than the work (notifications to a whole province; an attempt's questions at an exam's synchronised start). The
/// table, the columns and each value's conversion and parameter come from the EF model (the provider's own type mappings), so
/// the rows are stored exactly as <c>SaveChanges</c> would store them, on SQLite and PostgreSQL alike; what is skipped is the
/// change tracker and one statement per row (which PostgreSQL would parse and plan one by one). Columns left out take their
/// defaults; the rows' own keys are not read back.
/// </summary>
public static class BulkInsert
{
    public static async Task RowsAsync<T>(DbContext db, DbTransaction transaction, IReadOnlyList<T> rows, IReadOnlyList<BulkColumn<T>> columns, int rowsPerStatement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new ArgumentException($"{typeof(T).Name} is not in the model.", nameof(rows));
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = columns.Select(c => entity.FindProperty(c.Property) ?? throw new ArgumentException($"{typeof(T).Name} has no property {c.Property}.", nameof(columns))).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();

        var connection = transaction.Connection!;
        for (var start = 0; start < rows.Count; start += rowsPerStatement)
        {
            var count = Math.Min(rowsPerStatement, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head, head.Length + (count * properties.Length * 8));
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < properties.Length; c++)
                {
                    var name = $"p{(r * properties.Length) + c}";
                    var value = columns[c].Value(rows[start + r]);
                    // CreateParameter applies the mapping's converter itself (converting first would convert twice: an enum threw).
                    command.Parameters.Add(mappings[c].CreateParameter(command, sql.GenerateParameterName(name), value, properties[c].IsNullable));
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder(name));
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
