using System.Globalization;
using System.Text;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;

namespace DataSelection.Gateway.Api;

/// <summary>
/// A student's Ledger as a readable Markdown report, entry by entry in the order they were written.
/// Student-written text (names, and summaries that quote it) is escaped, so a Markdown viewer shows
/// markup as text: no raw HTML, no links, no images.
/// </summary>
public static class LedgerMarkdown
{
    public static string Render(Ledger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var identity = ledger.Identity;
        var track = LabCatalog.FindTrack(identity.Track);
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.Append(culture, $"# Ledger of {Escape(identity.Name)}\n\n");
        text.Append(culture, $"- Session: `{identity.SessionCode}`\n");
        text.Append(culture, $"- Track: {track?.Name ?? identity.Track}{(track is null ? "" : $" ({track.Persona})")}\n");
        text.Append(culture, $"- Joined: {identity.JoinedAt:yyyy-MM-dd HH:mm:ss} UTC\n");
        text.Append(culture, $"- Entries: {ledger.Entries.Length}\n");
        foreach (var group in ledger.Entries.GroupBy(e => e.Part).OrderBy(g => g.Key))
        {
            var part = LabCatalog.FindPart(group.Key);
            text.Append(culture, $"\n## {(part is null ? "Session" : $"Part {part.Number}: {part.Title}")}\n\n");
            foreach (var entry in group.OrderBy(e => e.Sequence))
            {
                text.Append(culture, $"{entry.Sequence}. **{entry.Kind}** · {entry.At.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC — ");
                // Keep multi-line summaries (reflections) inside their list item.
                text.Append(Escape(entry.Summary).ReplaceLineEndings("\n   ")).Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// Backslash-escapes what could start raw HTML, an entity, a link, an image or code (CommonMark
    /// lets any ASCII punctuation be escaped); emphasis and headings are harmless and stay readable.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '<' or '>' or '&' or '[' or ']' or '`')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
