using Microsoft.Net.Http.Headers;

namespace DataSelection.Gateway.Hosting;

/// <summary>
/// Refuses request bodies declared in a charset other than UTF-8 with 415. The JSON body reader
/// would otherwise look the charset up itself and fail on an unknown one (<c>charset=bogus</c>) with
/// a 500; no page or client of the lab sends anything but UTF-8.
/// </summary>
public static class RequestCharset
{
    public static IApplicationBuilder UseUtf8RequestBodies(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
                && type.Charset.HasValue
                && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                && !type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                await Auth.LabAuthentication.WriteProblem(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type",
                    "Request bodies must be UTF-8 JSON: send 'Content-Type: application/json' (or with '; charset=utf-8').").ConfigureAwait(false);
                return;
            }
            await next(context).ConfigureAwait(false);
        });
}
