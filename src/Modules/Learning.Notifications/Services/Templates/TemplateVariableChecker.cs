using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;
using Fluid.Parser;

namespace Learning.Notifications.Services.Templates;

/// <summary>
/// Walks a parsed template's syntax tree in source order and reports every variable the type's model does not have, every
/// unknown filter and every tag that reaches outside the template (include, render), in every branch, taken or not. Loop
/// variables (<c>for item in overdue</c> makes <c>item.name</c> mean <c>overdue[].name</c>), <c>forloop</c>, and locals
/// made by assign, capture, increment and decrement are known from where they are made. Fluid's tree has no positions,
/// so a finding's line is found by searching the source for the name after the last text seen before it.
/// </summary>
internal sealed class TemplateVariableChecker
{
    private static readonly HashSet<string> ForLoopMembers = ["index", "index0", "rindex", "rindex0", "first", "last", "length", "parentloop"];

    private readonly string source;
    private readonly TemplateSchema schema;
    private readonly LiquidEngine engine;
    private readonly TemplatePart part;
    private readonly List<TemplateError> errors = [];
    private readonly HashSet<string> reported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> globals = new(StringComparer.Ordinal);
    private readonly Stack<(string Name, string? Path)> loops = new();
    private int cursor;

    private TemplateVariableChecker(string source, TemplateSchema schema, LiquidEngine engine, TemplatePart part)
    {
        this.source = source;
        this.schema = schema;
        this.engine = engine;
        this.part = part;
    }

    public static IReadOnlyList<TemplateError> Check(IFluidTemplate template, string source, TemplateSchema schema, LiquidEngine engine, TemplatePart part, IEnumerable<string>? extraVariables = null)
    {
        var checker = new TemplateVariableChecker(source, schema, engine, part);
        foreach (var name in extraVariables ?? [])
        {
            checker.globals[name] = null;
        }

        if (template is IStatementList list)
        {
            checker.Statements(list.Statements);
        }

        return checker.errors;
    }

    private void Statements(IReadOnlyList<Statement>? statements)
    {
        foreach (var statement in statements ?? [])
        {
            Statement(statement);
        }
    }

    private void Statement(Statement? statement)
    {
        switch (statement)
        {
            case null:
                return;
            case TextSpanStatement text:
                cursor = text.Text.Offset + text.Text.Length;
                return;
            case OutputStatement output:
                Expression(output.Expression);
                return;
            case AssignStatement assign:
                Expression(assign.Value);
                globals[assign.Identifier] = null;
                return;
            case CaptureStatement capture:
                Statements(capture.Statements);
                globals[capture.Identifier] = null;
                return;
            case IncrementStatement increment:
                globals[increment.Identifier] = null;
                return;
            case DecrementStatement decrement:
                globals[decrement.Identifier] = null;
                return;
            case IfStatement ifStatement:
                Expression(ifStatement.Condition);
                Statements(ifStatement.Statements);
                foreach (var elseIf in ifStatement.ElseIfs)
                {
                    Expression(elseIf.Condition);
                    Statements(elseIf.Statements);
                }

                Statement(ifStatement.Else);
                return;
            case UnlessStatement unless:
                Expression(unless.Condition);
                Statements(unless.Statements);
                Statement(unless.Else);
                return;
            case CaseStatement caseStatement:
                Expression(caseStatement.Expression);
                foreach (var when in caseStatement.Whens)
                {
                    foreach (var option in when.Options)
                    {
                        Expression(option);
                    }

                    Statements(when.Statements);
                }

                Statement(caseStatement.Else);
                return;
            case ForStatement loop:
                Expression(loop.Source);
                Expression(loop.Limit);
                if (!loop.OffsetIsContinue)
                {
                    Expression(loop.Offset);
                }

                loops.Push((loop.Identifier, ElementPath(loop.Source)));
                Statements(loop.Statements);
                loops.Pop();
                Statement(loop.Else);
                return;
            case TableRowStatement table:
                Expression(table.Source);
                Expression(table.Limit);
                Expression(table.Offset);
                Expression(table.Cols);
                loops.Push((table.Identifier, ElementPath(table.Source)));
                Statements(table.Statements);
                loops.Pop();
                return;
            case CycleStatement cycle:
                Expression(cycle.Group);
                foreach (var value in cycle.Values)
                {
                    Expression(value);
                }

                return;
            case IncludeStatement:
                Report(TemplateErrorKind.UnsupportedTag, "include", "include");
                return;
            case RenderStatement:
                Report(TemplateErrorKind.UnsupportedTag, "render", "render");
                return;
            case FromStatement:
                Report(TemplateErrorKind.UnsupportedTag, "from", "from");
                return;
            case MacroStatement:
                Report(TemplateErrorKind.UnsupportedTag, "macro", "macro");
                return;
            case ElseStatement elseStatement:
                Statements(elseStatement.Statements);
                return;
            case TagStatement tag:
                Statements(tag.Statements);
                return;
            default:
                return;
        }
    }

    private void Expression(Expression? expression)
    {
        switch (expression)
        {
            case null:
            case LiteralExpression:
                return;
            case MemberExpression member:
                Member(member);
                return;
            case FilterExpression filter:
                Expression(filter.Input);
                if (!engine.HasFilter(filter.Name))
                {
                    Report(TemplateErrorKind.UnknownFilter, filter.Name, filter.Name);
                }

                foreach (var argument in filter.Parameters)
                {
                    Expression(argument.Expression);
                }

                return;
            case BinaryExpression binary:
                Expression(binary.Left);
                Expression(binary.Right);
                return;
            case RangeExpression range:
                Expression(range.From);
                Expression(range.To);
                return;
            default:
                return;
        }
    }

    private void Member(MemberExpression member)
    {
        foreach (var segment in member.Segments)
        {
            if (segment is IndexerSegment indexer)
            {
                Expression(indexer.Expression);
            }
        }

        if (Resolve(member) is { Known: false } unknown)
        {
            Report(TemplateErrorKind.UnknownVariable, unknown.Written, unknown.Written, unknown.First);
        }
    }

    /// <summary>The schema path of a loop's source's elements, or null when the source is not a schema path (a range, a local).</summary>
    private string? ElementPath(Expression source) =>
        source is MemberExpression member && Resolve(member) is { Known: true, Path: { } path } ? path + "[]" : null;

    private (bool Known, string? Path, string Written, string First) Resolve(MemberExpression member)
    {
        var names = new List<string>();
        foreach (var segment in member.Segments)
        {
            names.Add(segment switch
            {
                IdentifierSegment identifier => identifier.Identifier,
                IndexerSegment { Expression: LiteralExpression literal } when literal.Value.Type == Fluid.Values.FluidValues.String => literal.Value.ToStringValue(),
                IndexerSegment => "[]",
                _ => "?",
            });
        }

        var first = names[0];
        var written = string.Join('.', names).Replace(".[]", "[]", StringComparison.Ordinal);

        string? path;
        var start = 1;
        var loop = loops.FirstOrDefault(l => l.Name == first);
        if (loop.Name is not null)
        {
            path = loop.Path;
        }
        else if (first == "forloop" && loops.Count > 0)
        {
            var known = names.Count == 1 || ForLoopMembers.Contains(names[1]);
            return (known, null, written, first);
        }
        else if (globals.ContainsKey(first))
        {
            path = null;
        }
        else if (schema.Contains(first))
        {
            path = first;
        }
        else
        {
            return (false, null, written, first);
        }

        for (var i = start; i < names.Count; i++)
        {
            if (path is null)
            {
                // A local of unknown shape: anything under it is the author's business.
                return (true, null, written, first);
            }

            var name = names[i];
            if (name == "size" && schema.Contains(path))
            {
                return (i == names.Count - 1, path, written, first);
            }

            var next = name is "[]" or "first" or "last" && schema.Contains(path + "[]") ? path + "[]" : path + "." + name;
            if (!schema.Contains(next))
            {
                return (false, null, written, first);
            }

            path = next;
        }

        return (true, path, written, first);
    }

    private void Report(TemplateErrorKind kind, string detail, params string[] searchFor)
    {
        var line = searchFor.Select(LineOf).FirstOrDefault(l => l > 0);
        if (line == 0)
        {
            line = LineOf("");
        }

        if (reported.Add($"{kind}|{detail}|{line}"))
        {
            errors.Add(new TemplateError(part, line, kind, detail));
        }
    }

    /// <summary>The line of the first <paramref name="name"/> at or after the cursor, 0 if there is none ("" gives the cursor's).</summary>
    private int LineOf(string name)
    {
        var from = Math.Min(cursor, source.Length);
        var offset = from;
        if (name.Length > 0)
        {
            var match = Regex.Match(source[from..], @"(?<![\w.])" + Regex.Escape(name) + @"(?![\w])");
            if (!match.Success)
            {
                return 0;
            }

            offset = from + match.Index;
        }

        var line = 1;
        for (var i = 0; i < offset && i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }
}
