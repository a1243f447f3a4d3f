using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace DataSelection.Gateway.Ops;

/// <summary>
/// The ops key (<c>DataSelection:Ops:Key</c>) that opens the ops pages. A request shows it as the password of HTTP Basic
/// authentication (any user name: a browser asks for it once and resends it with every fetch of the dashboard), or in the
/// <c>X-Ops-Key</c> header (scripts). Compared in constant time, over hashes so that not even the length leaks.
/// </summary>
public sealed class OpsKey
{
    public const string ConfigurationKey = "DataSelection:Ops:Key";
    public const string HeaderName = "X-Ops-Key";
    public const int MinimumLength = 16;
    public const string Realm = "DataSelection ops";
    private const int MaximumHeaderLength = 1024;

    private readonly byte[] expectedHash;

    public OpsKey(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Length < MinimumLength)
        {
            throw new InvalidOperationException($"{ConfigurationKey} must be at least {MinimumLength} characters long (use a random one).");
        }
        expectedHash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>The key from configuration, or null when none is set (the ops pages are then off).</summary>
    public static OpsKey? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = configuration[ConfigurationKey];
        return string.IsNullOrWhiteSpace(key) ? null : new OpsKey(key.Trim());
    }

    public bool Admits(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = request.Headers[HeaderName].ToString();
        if (presented.Length == 0)
        {
            presented = BasicPassword(request.Headers.Authorization.ToString()) ?? string.Empty;
        }
        if (presented.Length == 0)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), expectedHash);
    }

    /// <summary>The 401 that makes a browser ask for the key.</summary>
    public static IResult Challenge(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers[HeaderNames.WWWAuthenticate] = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        return Results.Problem(detail: $"The ops pages need the ops key: as the password of Basic authentication, or in the {HeaderName} header.",
            statusCode: StatusCodes.Status401Unauthorized);
    }

    private static string? BasicPassword(string header)
    {
        const string prefix = "Basic ";
        // Longer than any real credential: refused before it is decoded on the stack.
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || header.Length > MaximumHeaderLength)
        {
            return null;
        }
        Span<byte> decoded = stackalloc byte[header.Length];
        if (!Convert.TryFromBase64String(header[prefix.Length..].Trim(), decoded, out var written))
        {
            return null;
        }
        var credentials = Encoding.UTF8.GetString(decoded[..written]);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : credentials[(colon + 1)..];
    }
}
