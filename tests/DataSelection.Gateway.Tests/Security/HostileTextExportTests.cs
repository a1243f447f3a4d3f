using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DataSelection.Gateway.Tests.Security;

/// <summary>Student-written text leaves the service as text: the Markdown Ledger shows markup literally, the CSV export runs no formula.</summary>
[Trait("Category", "Security")]
public sealed partial class HostileTextExportTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private const string HostileName = "<img src=x onerror=alert(1)>[x](javascript:alert(2))";

    private readonly LabApi api = LabApi.For(factory);

    [Fact]
    public async Task The_markdown_ledger_escapes_markup_in_a_students_name()
    {
        var session = await api.CreateSession();
        var student = await api.Join(session.Code, HostileName);

        var response = await api.Send(HttpMethod.Get, "/api/me/ledger.md", student.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadAsStringAsync();

        Assert.Contains(@"# Ledger of \<img src=x onerror=alert(1)\>\[x\](javascript:alert(2))", report, StringComparison.Ordinal);
        Assert.DoesNotMatch(UnescapedMarkup(), report);
    }

    [Fact]
    public async Task The_csv_export_neutralises_cells_that_a_spreadsheet_would_run_as_formulas()
    {
        var session = await api.CreateSession();
        var formulas = new[] { "=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1+1" };
        var students = new List<TestStudent>();
        foreach (var name in formulas)
        {
            students.Add(await api.Join(session.Code, name.Trim()));
        }
        var writer = students[0];
        Assert.Equal(HttpStatusCode.Created, (await api.Lock(writer, 1, """{"value": 30}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Run(writer, 1)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Reflect(writer, 1, "=1+1 because duplicates waste compute on tokens already seen")).StatusCode);

        var response = await api.Send(HttpMethod.Get, $"/api/sessions/{session.Code}/export?format=csv", instructorKey: session.InstructorKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cells = Cells(await response.Content.ReadAsStringAsync()).ToList();

        var dangerous = cells.Where(c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)).ToList();
        Assert.True(dangerous.Count == 0, $"Cells a spreadsheet would run: {string.Join(" | ", dangerous)}");
        // The text itself is kept, only defused.
        Assert.Contains("'=1+1 because duplicates waste compute on tokens already seen", cells);
        Assert.Contains("'@SUM(A1:A2)", cells);
    }

    /// <summary>An HTML tag or link start not preceded by a backslash.</summary>
    [GeneratedRegex(@"(?<!\\)<[a-zA-Z/!]|(?<!\\)\]\(")]
    private static partial Regex UnescapedMarkup();

    /// <summary>The cells of an RFC 4180 document.</summary>
    private static IEnumerable<string> Cells(string csv)
    {
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c is ',' or '\n')
            {
                yield return cell.ToString();
                cell.Clear();
            }
            else if (c != '\r')
            {
                cell.Append(c);
            }
        }
        if (cell.Length > 0)
        {
            yield return cell.ToString();
        }
    }
}
