using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DataSelection.Gateway.Tests.Fuzz;

/// <summary>
/// A seeded source of hostile values: the same seed gives the same cases on every machine, so a
/// failure printed with its seed and case number reproduces. Every value it calls invalid is
/// invalid for the shape it was asked about; the fuzz tests rely on that to demand a refusal.
/// </summary>
public sealed class HostileInput(int seed)
{
    private readonly Random random = new(seed);

    public int Seed { get; } = seed;

    /// <summary>Text that is odd but acceptable: right-to-left overrides, combining marks, emoji, other scripts.</summary>
    public static IReadOnlyList<string> OddButValidText { get; } =
    [
        "Ada",
        "\u202Egnp.exe",
        "e\u0301\u0301\u0301\u0301",
        "Z\u0351\u0352\u0353a\u0354\u0355l\u0356g\u0357o",
        "\U0001F600\U0001F9D1\u200D\U0001F680",
        "\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627",
        "\u4F60\u597D\u4E16\u754C",
        "<script>alert(1)</script>",
        "'; DROP TABLE students; --",
        "\u200B\u200C\u200D\uFEFF",
        "{{7*7}} ${7*7}",
        "\\u0000",
    ];

    /// <summary>Characters no single-line or multi-line text accepts: C0 and C1 controls, DEL.</summary>
    public static IReadOnlyList<char> ForbiddenControls { get; } = ['\0', '\u0001', '\u0007', '\u0008', '\u001B', '\u007F', '\u0085', '\u009B'];

    /// <summary>Lone UTF-16 surrogates: not text at all, in any field.</summary>
    public static IReadOnlyList<string> LoneSurrogates { get; } = ["\uD800", "\uDFFF", "\uDBFF\uDBFF", "a\uDC00b"];

    /// <summary>JSON-looking number tokens that are not JSON numbers (so the body is malformed).</summary>
    public static IReadOnlyList<string> MalformedNumberTokens { get; } =
        ["NaN", "-NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x1F", "1e", "--1", "1_000", "1,5", "∞", "1e+", "-"];

    public int Next(int maxExclusive) => random.Next(maxExclusive);

    public bool Chance(double probability) => random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Numbers as JSON tokens, many at the edges of what doubles and integers hold; the caller filters by range.</summary>
    public string NumberToken()
    {
        var digits = new string('9', 300 + random.Next(400));
        string[] edges =
        [
            "1e308", "-1e308", "1.7976931348623157e308", "1e400", "-1e400", "4.9e-324", "-0", "0", "-0.0", "1e-400",
            "9007199254740993", "-9007199254740993", "2147483648", "-2147483649", "18446744073709551616",
            digits, "-" + digits, "0." + digits, digits + "e-" + digits.Length.ToString(CultureInfo.InvariantCulture),
            "-1", "100.0000000000001", "0.49999999999999994", "1e2", "250.5",
        ];
        return Chance(0.7)
            ? Pick(edges)
            : (random.NextDouble() * Math.Pow(10, random.Next(-3, 8)) * (Chance(0.3) ? -1 : 1)).ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A JSON value of some other kind than a number (for fields that want one).</summary>
    public string NotANumber() => Pick<Func<string>>(
    [
        () => "\"30\"", () => "\"NaN\"", () => "\"Infinity\"", () => "true", () => "false", () => "null", () => "[]", () => "[30]",
        () => "{}", () => "{\"value\": 30}", () => JsonString(OddText()),
    ])();

    /// <summary>A JSON value of some other kind than a string (for text and choice fields).</summary>
    public string NotAString() => Pick<Func<string>>(
    [
        () => NumberToken(), () => "true", () => "false", () => "null", () => "[]", () => "[\"fewer\"]", () => "{}", () => "{\"text\": \"x\"}",
    ])();

    /// <summary>Odd text: one or two pieces of <see cref="OddButValidText"/>, never forbidden characters.</summary>
    public string OddText() => Chance(0.5) ? Pick(OddButValidText) : Pick(OddButValidText) + " " + Pick(OddButValidText);

    /// <summary>
    /// <paramref name="text"/> with something no text field accepts spliced in strictly inside it
    /// (trimming would drop a control at either end that is also white space, such as U+0085).
    /// </summary>
    public string Poisoned(string text)
    {
        var poison = Chance(0.6) ? Pick(ForbiddenControls).ToString() : Pick(LoneSurrogates);
        var padded = "x" + text + "x";
        var at = 1 + random.Next(padded.Length - 1);
        // Keep surrogate pairs whole, so the only broken pair is the one spliced in.
        if (char.IsLowSurrogate(padded[at]))
        {
            at--;
        }
        return padded[..at] + poison + padded[at..];
    }

    /// <summary>A prefix of <paramref name="json"/> with at least one character and at least one missing.</summary>
    public string Truncated(string json) => json[..(1 + random.Next(json.Length - 1))];

    /// <summary>Bytes that are never a JSON document: punctuation, NULs, invalid UTF-8, after an opening that cannot start one.</summary>
    public byte[] Garbage()
    {
        var bytes = new byte[1 + random.Next(200)];
        random.NextBytes(bytes);
        byte[] alphabet = "{}[]\":,\\ 0123456789eE.-+tnfalsu\0"u8.ToArray();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (Chance(0.7))
            {
                bytes[i] = alphabet[random.Next(alphabet.Length)];
            }
        }
        bytes[0] = Pick<byte>([(byte)'}', (byte)']', (byte)':', (byte)',', 0xFF, 0xC3, 0x00]);
        return bytes;
    }

    /// <summary>Nesting far deeper than the serializer's limit of 64.</summary>
    public string DeepNesting()
    {
        var depth = 65 + random.Next(20_000);
        var open = Chance(0.5) ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        return string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
    }

    public string Letters(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append((char)('a' + random.Next(26)));
        }
        return builder.ToString();
    }

    /// <summary>A string as a JSON literal, with anything outside printable ASCII escaped (lone surrogates included).</summary>
    public static string JsonString(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c is < ' ' or > '~')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>True when <paramref name="text"/> parses as one JSON document.</summary>
    public static bool IsJson(ReadOnlySpan<byte> text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text.ToArray());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
