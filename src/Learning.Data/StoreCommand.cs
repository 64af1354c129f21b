using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Learning.Data;

/// <summary>
/// Several statements sent as one command on the context's connection and transaction: for a hot path where EF would send
/// one round trip per statement (and build each one's expression tree again on every call), such as an exam's answer saves.
/// Tables, columns and parameters come from the EF model (<see cref="StoreTable{T}"/>), so values are stored exactly as
/// <c>SaveChanges</c> would store them, on SQLite and PostgreSQL alike. Statements end with a semicolon; both providers run
/// them in order, and a failing one fails the command (the caller's transaction then rolls back).
/// </summary>
public sealed class StoreCommand(DbContext db)
{
    private readonly StringBuilder text = new();
    private readonly List<(string Name, object? Value, bool Nullable, RelationalTypeMapping Mapping)> parameters = [];

    internal ISqlGenerationHelper Sql { get; } = db.GetService<ISqlGenerationHelper>();

    /// <summary>Whether a multi-row insert sends its values as one array a column (PostgreSQL's <c>unnest</c>: ADR-046).</summary>
    internal bool InsertsFromArrays => db.Database.IsNpgsql();

    internal IRelationalTypeMappingSource Mappings => db.GetService<IRelationalTypeMappingSource>();

    public bool IsEmpty => text.Length == 0;

    /// <summary>The store names of <typeparamref name="T"/>'s table and columns, and parameters typed as its properties.</summary>
    public StoreTable<T> For<T>() => new(this, db.Model.FindEntityType(typeof(T)) ?? throw new ArgumentException($"{typeof(T).Name} is not in the model."));

    public StoreCommand Append(string sql)
    {
        text.Append(sql);
        return this;
    }

    /// <summary>Room for <paramref name="more"/> parameters, so that a large insert does not grow the list a doubling at a time.</summary>
    internal void Reserve(int more) => parameters.EnsureCapacity(parameters.Count + more);

    internal string Parameter(IProperty property, object? value)
    {
        var (name, placeholder) = ParameterNames.Of(Sql, parameters.Count);
        // The mapping's CreateParameter applies its converter (an enum's number, say) itself.
        parameters.Add((name, value, property.IsNullable, property.GetRelationalTypeMapping()));
        return placeholder;
    }

    /// <summary>A parameter holding a column's values as one array, typed by <paramref name="mapping"/> (an array type's mapping); its placeholder.</summary>
    internal string Parameter(Array values, RelationalTypeMapping mapping)
    {
        var (name, placeholder) = ParameterNames.Of(Sql, parameters.Count);
        parameters.Add((name, values, false, mapping));
        return placeholder;
    }

    /// <summary>Runs the statements in the context's current transaction; the rows they changed, in all.</summary>
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A store command runs in the caller's transaction: begin one first.");
        await using var command = Create(transaction.Connection!, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Runs the statements as one unit, all or none; the rows they changed, in all. In the caller's transaction when one is
    /// open. Otherwise, on PostgreSQL, as one command with no <c>BEGIN</c> or <c>COMMIT</c> around it: Npgsql sends its
    /// statements with one Sync message at the end, so the server runs them in one implicit transaction, and a failing one
    /// undoes the others (ADR-041: an exam's save, which took three round trips in a transaction of its own: its row, its
    /// answers, the commit). On SQLite, in a transaction of its own (no network, so nothing to save). Under the execution strategy either
    /// way: a transient failure runs the whole command again.
    /// </summary>
    public async Task<int> ExecuteAsOneAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await ExecuteAsync(cancellationToken);
        }

        if (!db.Database.IsNpgsql())
        {
            return await db.InTransactionAsync(ExecuteAsync, cancellationToken);
        }

        return await db.RetryingAsync(async ct =>
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var command = Create(db.Database.GetDbConnection(), null);
                return await command.ExecuteNonQueryAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Runs the statements in the context's current transaction and reads the first column of every row they return, from
    /// every result set in order (statements ending in <c>RETURNING</c>: both providers support it).
    /// </summary>
    public Task<List<T>> ReadFirstColumnAsync<T>(CancellationToken cancellationToken) =>
        ReadAsync(reader => reader.GetFieldValue<T>(0), cancellationToken);

    /// <summary>Like <see cref="ReadFirstColumnAsync{T}"/>, for the first two columns of every row returned.</summary>
    public Task<List<(T1 First, T2 Second)>> ReadPairsAsync<T1, T2>(CancellationToken cancellationToken) =>
        ReadAsync(reader => (reader.GetFieldValue<T1>(0), reader.GetFieldValue<T2>(1)), cancellationToken);

    private Task<List<TRow>> ReadAsync<TRow>(Func<DbDataReader, TRow> read, CancellationToken cancellationToken) =>
        QueryAsync(async (reader, ct) =>
        {
            var rows = new List<TRow>();
            do
            {
                while (await reader.ReadAsync(ct))
                {
                    rows.Add(read(reader));
                }
            }
            while (await reader.NextResultAsync(ct));
            return rows;
        }, cancellationToken);

    /// <summary>
    /// Runs the statements in the context's current transaction and gives <paramref name="read"/> the reader, on the first
    /// statement that returns rows (a <c>SELECT</c>, or a statement ending in <c>RETURNING</c>, even when it returns none);
    /// the statements before it that return nothing have run. Each statement sees what the ones before it wrote and, under
    /// read committed, what other transactions committed before it began: a read after an <c>UPDATE</c> of a row that another
    /// transaction held sees that transaction's writes.
    /// </summary>
    public async Task<TResult> QueryAsync<TResult>(Func<DbDataReader, CancellationToken, Task<TResult>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A store command runs in the caller's transaction: begin one first.");
        await using var command = Create(transaction.Connection!, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await read(reader, cancellationToken);
    }

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) is a unique key refusing a row, on either provider.</summary>
    public static bool IsUniqueViolation(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }
                or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }) // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
            {
                return true;
            }
        }

        return false;
    }

    private DbCommand Create(DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text.ToString();
        foreach (var (name, value, nullable, mapping) in parameters)
        {
            command.Parameters.Add(mapping.CreateParameter(command, name, value, nullable));
        }

        return command;
    }
}

/// <summary>One entity's table as a <see cref="StoreCommand"/> writes it: <c>Name</c>, <c>Column(…)</c>, <c>Value(…)</c> and <c>Insert(…)</c>.</summary>
public sealed class StoreTable<T>
{
    // The store names of each entity type, worked out once per model: EF derives a column's name afresh on every call
    // (about 1 % of the host's processor time on an exam's saves when asked per statement).
    private static readonly ConditionalWeakTable<IEntityType, StoreNames> Names = new();

    private readonly StoreCommand command;
    private readonly IEntityType entity;
    private readonly StoreNames names;

    internal StoreTable(StoreCommand command, IEntityType entity)
    {
        this.command = command;
        this.entity = entity;
        names = Names.TryGetValue(entity, out var known) ? known : Remember(entity, command.Sql);
    }

    /// <summary>The table's delimited name.</summary>
    public string Name => names.Table;

    /// <summary>The delimited column of <paramref name="property"/>.</summary>
    public string Column(string property) =>
        names.Columns.TryGetValue(property, out var column) ? column : names.Columns.GetOrAdd(property, names.Delimit(Property(property)));

    /// <summary>A parameter holding <paramref name="value"/> as <paramref name="property"/> stores it (its converter and type); its placeholder.</summary>
    public string Value(string property, object? value) => command.Parameter(Property(property), value);

    /// <summary>
    /// Appends one multi-row <c>INSERT</c> of <paramref name="rows"/> (at least one) into <paramref name="columns"/>; with
    /// <paramref name="returning"/>, the inserted rows' values of those properties are returned (both providers support
    /// <c>RETURNING</c>; their order is not promised, so return a key of your own with the generated one).
    /// </summary>
    public void Insert(IEnumerable<T> rows, IReadOnlyList<BulkColumn<T>> columns, params string[] returning)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(returning);
        if (command.InsertsFromArrays)
        {
            InsertFromArrays(rows as IReadOnlyList<T> ?? [.. rows], columns, returning);
            return;
        }

        if (rows.TryGetNonEnumeratedCount(out var count))
        {
            command.Reserve(count * columns.Count);
        }

        command.Append(Into(columns)).Append(" VALUES ")
            .Append(string.Join(", ", rows.Select(row => $"({string.Join(", ", columns.Select(c => Value(c.Property, c.Value(row))))})")))
            .Append(Returning(returning));
    }

    /// <summary>
    /// PostgreSQL: the rows as one array a column, zipped back into rows by <c>unnest</c> (ADR-046). A multi-row <c>VALUES</c>
    /// of a hundred exam starts had some 4,300 parameters, each an <c>NpgsqlParameter</c> built, named and found again in the
    /// statement's text by Npgsql, and parsed by the server; this has one a column. Each value is converted as the model
    /// converts it (an enum kept as text), and the array typed as the column's store type, so the server casts nothing it would
    /// not cast for a <c>VALUES</c> row: a text too long for its column is refused as before.
    /// </summary>
    private void InsertFromArrays(IReadOnlyList<T> rows, IReadOnlyList<BulkColumn<T>> columns, string[] returning)
    {
        if (rows.Count == 0)
        {
            throw new ArgumentException("An insert needs at least one row.", nameof(rows));
        }

        var sources = new string[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var column = names.Arrays.TryGetValue(columns[c].Property, out var known)
                ? known
                : names.Arrays.GetOrAdd(columns[c].Property, ArrayColumn.For(Property(columns[c].Property), command.Mappings));
            var values = Array.CreateInstance(column.Element, rows.Count);
            var read = columns[c].Value;
            for (var i = 0; i < rows.Count; i++)
            {
                var value = read(rows[i]);
                values.SetValue(value is null || column.Converter is null ? value : column.Converter.ConvertToProvider(value), i);
            }

            sources[c] = command.Parameter(values, column.Mapping);
        }

        command.Append(Into(columns)).Append($" SELECT * FROM unnest({string.Join(", ", sources)})").Append(Returning(returning));
    }

    /// <summary><c>INSERT INTO</c> the table and <paramref name="columns"/>, as every insert here begins.</summary>
    private string Into(IReadOnlyList<BulkColumn<T>> columns) =>
        $"INSERT INTO {Name} ({string.Join(", ", columns.Select(c => Column(c.Property)))})";

    /// <summary>The statement's end: <c>RETURNING</c> the columns of <paramref name="returning"/>, if any, and its semicolon.</summary>
    private string Returning(string[] returning) =>
        returning.Length == 0 ? ";" : $" RETURNING {string.Join(", ", returning.Select(Column))};";

    /// <summary>
    /// Appends one <c>INSERT … SELECT</c> per row of <paramref name="rows"/>, each of which inserts its row only where
    /// <paramref name="condition"/> (an SQL condition, say an <c>EXISTS</c>) holds when it runs: rows that belong with an
    /// earlier statement of the same command and must not be written when that one changed nothing.
    /// </summary>
    public void InsertWhere(IEnumerable<T> rows, IReadOnlyList<BulkColumn<T>> columns, string condition)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        var into = Into(columns) + " SELECT ";
        foreach (var row in rows)
        {
            command.Append(into).Append(string.Join(", ", columns.Select(c => Value(c.Property, c.Value(row))))).Append($" WHERE {condition};");
        }
    }

    /// <summary>
    /// Every column of the entity's own properties (no shadow ones), delimited and separated by commas, in the order
    /// <see cref="Read"/> reads them: for a <c>SELECT</c> or a <c>RETURNING</c> whose rows become entities.
    /// </summary>
    public string AllColumns => names.Readable.Value.List;

    /// <summary>
    /// A new <typeparamref name="T"/> from the reader's current row, whose columns are <see cref="AllColumns"/>: each value
    /// read as its provider stores it and converted as EF converts it (an enum kept as text, a date as UTC), so the entity is
    /// what a query of EF's would give, untracked.
    /// </summary>
    public T Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var row = Activator.CreateInstance<T>();
        var properties = names.Readable.Value.Properties;
        for (var i = 0; i < properties.Length; i++)
        {
            var (property, mapping) = properties[i];
            var value = reader.IsDBNull(i) ? null : ReadValue(reader, i, mapping);
            if (property.PropertyInfo is { } info)
            {
                info.SetValue(row, value);
            }
            else
            {
                property.FieldInfo!.SetValue(row, value);
            }
        }

        return row;
    }

    private static object ReadValue(DbDataReader reader, int ordinal, RelationalTypeMapping mapping)
    {
        var converter = mapping.Converter;
        var stored = converter?.ProviderClrType ?? mapping.ClrType;
        object value = (Nullable.GetUnderlyingType(stored) ?? stored) switch
        {
            var t when t == typeof(string) => reader.GetString(ordinal),
            var t when t == typeof(long) => reader.GetInt64(ordinal),
            var t when t == typeof(int) => reader.GetInt32(ordinal),
            var t when t == typeof(short) => reader.GetInt16(ordinal),
            var t when t == typeof(bool) => reader.GetBoolean(ordinal),
            var t when t == typeof(decimal) => reader.GetDecimal(ordinal),
            var t when t == typeof(double) => reader.GetDouble(ordinal),
            var t when t == typeof(DateTime) => reader.GetDateTime(ordinal),
            var t when t == typeof(Guid) => reader.GetGuid(ordinal),
            var t when t == typeof(byte[]) => reader.GetFieldValue<byte[]>(ordinal),
            var t => throw new NotSupportedException($"A stored {t.Name} is not read by StoreTable."),
        };
        return converter is null ? value : converter.ConvertFromProvider(value)!;
    }

    private static StoreNames Remember(IEntityType entity, ISqlGenerationHelper sql) => Names.GetValue(entity, e => new StoreNames(e, sql));

    private IProperty Property(string name) =>
        entity.FindProperty(name) ?? throw new ArgumentException($"{typeof(T).Name} has no property {name}.", nameof(name));
}

/// <summary>An entity type's delimited table name and, as they are asked for, its delimited column names.</summary>
internal sealed class StoreNames
{
    private readonly StoreObjectIdentifier table;
    private readonly ISqlGenerationHelper sql;

    public StoreNames(IEntityType entity, ISqlGenerationHelper sql)
    {
        this.sql = sql;
        table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        Table = sql.DelimitIdentifier(table.Name, table.Schema);
        Readable = new(() =>
        {
            var properties = entity.GetProperties().Where(p => !p.IsShadowProperty()).Select(p => (p, p.GetRelationalTypeMapping())).ToArray();
            return (string.Join(", ", properties.Select(p => Delimit(p.p))), properties);
        });
    }

    public string Table { get; }

    public ConcurrentDictionary<string, string> Columns { get; } = new(StringComparer.Ordinal);

    /// <summary>How each column's values travel as one array (PostgreSQL's multi-row inserts), as they are asked for.</summary>
    public ConcurrentDictionary<string, ArrayColumn> Arrays { get; } = new(StringComparer.Ordinal);

    /// <summary>The entity's own properties with their mappings, and their columns as one list (<see cref="StoreTable{T}.AllColumns"/>).</summary>
    public Lazy<(string List, (IProperty Property, RelationalTypeMapping Mapping)[] Properties)> Readable { get; }

    public string Delimit(IProperty property) => sql.DelimitIdentifier(property.GetColumnName(table)!);
}

/// <summary>
/// A column's values as one array parameter: the element type the provider stores (after the model's converter, nullable
/// when the column is), the converter, and the mapping of the array of the column's store type (<c>character varying(64)[]</c>).
/// </summary>
internal sealed record ArrayColumn(Type Element, ValueConverter? Converter, RelationalTypeMapping Mapping)
{
    public static ArrayColumn For(IProperty property, IRelationalTypeMappingSource mappings)
    {
        var mapping = property.GetRelationalTypeMapping();
        var stored = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        stored = Nullable.GetUnderlyingType(stored) ?? stored;
        var element = stored.IsValueType && property.IsNullable ? typeof(Nullable<>).MakeGenericType(stored) : stored;
        var array = mappings.FindMapping(element.MakeArrayType(), mapping.StoreType + "[]")
            ?? throw new NotSupportedException($"No array mapping for {property.DeclaringType.DisplayName()}.{property.Name} ({mapping.StoreType}).");
        return new(element, mapping.Converter, array);
    }
}

/// <summary>
/// The n-th parameter's name and placeholder as a provider writes them (<c>@p0</c>), made once per provider: a group of
/// exam starts is one command of about a thousand parameters, and each name was three new strings.
/// </summary>
internal static class ParameterNames
{
    private static readonly ConditionalWeakTable<ISqlGenerationHelper, Known> ByProvider = new();

    // Past this many a command's names are made as they come (a bulk insert's largest statements), not kept.
    private const int Kept = 2048;

    public static (string Name, string Placeholder) Of(ISqlGenerationHelper sql, int index)
    {
        if (index >= Kept)
        {
            return Make(sql, index);
        }

        var known = ByProvider.GetValue(sql, static _ => new Known());
        var names = known.Names;
        return index < names.Length ? names[index] : known.Grow(sql, index);
    }

    private static (string Name, string Placeholder) Make(ISqlGenerationHelper sql, int index)
    {
        var name = "p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (sql.GenerateParameterName(name), sql.GenerateParameterNamePlaceholder(name));
    }

    private sealed class Known
    {
        private readonly Lock gate = new();

        public (string Name, string Placeholder)[] Names { get; private set; } = [];

        public (string Name, string Placeholder) Grow(ISqlGenerationHelper sql, int index)
        {
            lock (gate)
            {
                if (index >= Names.Length)
                {
                    var grown = new (string, string)[Math.Min(Kept, Math.Max(256, (index + 1) * 2))];
                    Names.CopyTo(grown, 0);
                    for (var i = Names.Length; i < grown.Length; i++)
                    {
                        grown[i] = Make(sql, i);
                    }

                    Names = grown;
                }

                return Names[index];
            }
        }
    }
}
