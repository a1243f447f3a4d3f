using System.Net;
using System.Text.RegularExpressions;

namespace DataSelection.Gateway.Tests;

/// <summary>The lab's two pages: served with the Content-Security-Policy, and everything they load is there.</summary>
public sealed partial class PageServingTests(LabGatewayFactory factory) : IClassFixture<LabGatewayFactory>
{
    private static readonly string[] Pages = ["/", "/instructor.html"];

    [Fact]
    public async Task The_student_lab_is_served_at_the_root()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"join-code\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/instructor.html")]
    [InlineData("/js/student.js")]
    public async Task Pages_and_scripts_carry_a_policy_that_allows_scripts_only_from_the_gateway(string path)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' ws: wss:", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_script_stylesheet_and_module_a_page_loads_is_served()
    {
        using var client = factory.CreateClient();
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var page in Pages)
        {
            var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
            foreach (Match match in AssetReference().Matches(html))
            {
                loaded.Add("/" + match.Groups["path"].Value);
            }
        }
        // Modules import each other and the QR library; follow one level of imports.
        foreach (var module in loaded.Where(p => p.StartsWith("/js/", StringComparison.Ordinal)).ToList())
        {
            var source = await client.GetStringAsync(new Uri(module, UriKind.Relative));
            foreach (Match match in ModuleImport().Matches(source))
            {
                loaded.Add(new Uri(new Uri("http://page" + module), match.Groups["path"].Value).AbsolutePath);
            }
        }

        Assert.Contains("/lib/signalr.min.js", loaded);
        Assert.Contains("/lib/chart.umd.min.js", loaded);
        Assert.Contains("/lib/katex.min.js", loaded);
        Assert.Contains("/lib/qrcode.mjs", loaded);
        foreach (var path in loaded)
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/instructor.html")]
    public async Task Pages_have_no_inline_scripts_handlers_or_styles(string page)
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));

        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(InlineHandler(), html);
        Assert.DoesNotMatch(InlineStyle(), html);
    }

    [GeneratedRegex("""(?:src|href)="(?!https?:|data:|#|/api/)/?(?<path>[^"?#]+\.(?:js|mjs|css))""")]
    private static partial Regex AssetReference();

    [GeneratedRegex("""import\s+(?:[\w{}\s,*]+\s+from\s+)?'(?<path>\.[^']+)'""")]
    private static partial Regex ModuleImport();

    [GeneratedRegex("""<script(?![^>]*\ssrc=)[^>]*>""")]
    private static partial Regex InlineScript();

    [GeneratedRegex("""\son[a-z]+\s*=""")]
    private static partial Regex InlineHandler();

    [GeneratedRegex("""\sstyle\s*=""")]
    private static partial Regex InlineStyle();
}
