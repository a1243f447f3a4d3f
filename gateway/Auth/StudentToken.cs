using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace DataSelection.Gateway.Auth;

/// <summary>Who a student token speaks for: one student in one session, and the track they joined on (never changes).</summary>
/// <param name="Track">Null for tokens issued before the track was part of them: ask the student grain.</param>
public sealed record StudentClaims(string SessionCode, string StudentId, DateTimeOffset IssuedAt, string? Track = null);

/// <summary>
/// Issues and checks student tokens: <c>base64url(payload).base64url(HMAC-SHA256(payload))</c>,
/// the payload being <c>{session, student, issuedAt, track}</c>. A token binds (session, student) and
/// cannot be altered without the key. The track rides along so a run can check its settings against
/// the track's ranges without asking the student grain first.
/// </summary>
public sealed class StudentTokens(TokenKey key)
{
    private sealed record Payload(string Session, string Student, long IssuedAt, string? Track = null);

    public string Issue(string sessionCode, string studentId, string track, DateTimeOffset issuedAt)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(sessionCode, studentId, issuedAt.ToUnixTimeSeconds(), track), JsonSerializerOptions.Web);
        return $"{WebEncoders.Base64UrlEncode(payload)}.{WebEncoders.Base64UrlEncode(Sign(payload))}";
    }

    /// <summary>The claims of a genuine token, or null for anything forged, altered or malformed.</summary>
    public StudentClaims? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1_024)
        {
            return null;
        }
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
        {
            return null;
        }
        try
        {
            var payload = WebEncoders.Base64UrlDecode(token[..dot]);
            var signature = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
            if (!CryptographicOperations.FixedTimeEquals(signature, Sign(payload)))
            {
                return null;
            }
            var claims = JsonSerializer.Deserialize<Payload>(payload, JsonSerializerOptions.Web);
            return claims is { Session.Length: > 0, Student.Length: > 0 }
                ? new StudentClaims(claims.Session, claims.Student, DateTimeOffset.FromUnixTimeSeconds(claims.IssuedAt), claims.Track)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private byte[] Sign(byte[] payload) => HMACSHA256.HashData(key.Bytes, payload);
}

/// <summary>
/// The HMAC key for student tokens: <c>DataSelection:TokenKey</c> when configured (at least 32
/// characters), otherwise a random key generated once and kept in the data directory so tokens
/// survive a restart.
/// </summary>
public sealed class TokenKey
{
    public const string ConfigurationKey = "DataSelection:TokenKey";
    public const string FileName = "token.key";
    private const int MinimumConfiguredLength = 32;
    private const int GeneratedBytes = 32;

    private TokenKey(byte[] bytes) => Bytes = bytes;

    internal byte[] Bytes { get; }

    public static TokenKey Load(IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[ConfigurationKey];
        if (!string.IsNullOrEmpty(configured))
        {
            return configured.Length >= MinimumConfiguredLength
                ? new TokenKey(Encoding.UTF8.GetBytes(configured))
                : throw new InvalidOperationException($"{ConfigurationKey} must be at least {MinimumConfiguredLength} characters.");
        }
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return new TokenKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }
        var bytes = RandomNumberGenerator.GetBytes(GeneratedBytes);
        // Write-then-rename so a crash never leaves a half-written key that would invalidate every token.
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(bytes));
        File.Move(temporary, path, overwrite: true);
        return new TokenKey(bytes);
    }
}
