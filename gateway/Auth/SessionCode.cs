using System.Security.Cryptography;

namespace DataSelection.Gateway.Auth;

/// <summary>
/// Join codes: 8 characters from a 32-letter alphabet without look-alikes (no 0/O, 1/I),
/// 40 bits, so guessing a live session's code is impractical.
/// </summary>
public static class SessionCode
{
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int Length = 8;

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The canonical form of a typed code (upper case), or null if it cannot be one of ours.</summary>
    public static string? Normalize(string? code)
    {
        if (code is null || code.Length != Length)
        {
            return null;
        }
        var upper = code.ToUpperInvariant();
        return upper.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? upper : null;
    }
}
