using System.Globalization;

namespace DataSelection.Client.Load;

/// <summary>Reads sums of series out of a Prometheus text exposition (what the gateway's <c>/metrics</c> serves).</summary>
public static class PrometheusText
{
    /// <summary>The sum of every sample of <paramref name="metric"/> (all label sets), or null when the metric is absent.</summary>
    public static double? Sum(string exposition, string metric)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        ArgumentNullException.ThrowIfNull(metric);
        double? sum = null;
        foreach (var line in exposition.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty || line[0] == '#' || !line.StartsWith(metric, StringComparison.Ordinal))
            {
                continue;
            }
            var rest = line[metric.Length..];
            if (rest.IsEmpty || (rest[0] != '{' && rest[0] != ' '))
            {
                continue;
            }
            if (rest[0] == '{')
            {
                var close = rest.LastIndexOf('}');
                if (close < 0)
                {
                    continue;
                }
                rest = rest[(close + 1)..];
            }
            rest = rest.TrimStart();
            var space = rest.IndexOf(' ');
            var value = space < 0 ? rest : rest[..space];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                sum = (sum ?? 0) + parsed;
            }
        }
        return sum;
    }

    /// <summary>The first of <paramref name="metrics"/> that is present.</summary>
    public static double? FirstOf(string exposition, params string[] metrics) =>
        metrics.Select(m => Sum(exposition, m)).FirstOrDefault(v => v is not null);
}
