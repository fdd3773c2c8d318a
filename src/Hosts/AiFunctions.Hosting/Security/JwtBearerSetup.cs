using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace AiFunctions.Hosting.Security;

/// <summary>
/// <see cref="JwtBearerOptions"/> from <see cref="AuthOptions.Jwt"/>: authority (OIDC metadata and signing keys),
/// audiences, issuers; claims kept as the token names them; the validated token's claims turned into the
/// <see cref="CallerPrincipal"/> claims (name, tenant, roles), or the token refused naming the missing claim; a
/// problem-details 401.
/// </summary>
internal sealed class JwtBearerSetup(IOptions<AuthOptions> auth) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(JwtBearerOptions options) => Configure(CallerAuthentication.BearerScheme, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != CallerAuthentication.BearerScheme)
        {
            return;
        }

        var jwt = auth.Value.Jwt;
        options.Authority = jwt.Authority;
        options.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        options.MapInboundClaims = false;
        options.TokenValidationParameters.ValidAudiences = jwt.Audiences;
        options.TokenValidationParameters.ValidateAudience = true;
        options.TokenValidationParameters.ValidateLifetime = true;
        options.TokenValidationParameters.RequireExpirationTime = true;
        options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(2);
        if (jwt.Issuers.Count > 0)
        {
            options.TokenValidationParameters.ValidIssuers = jwt.Issuers;
        }

        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var source = context.Principal!;
                string? Claim(string type) => source.FindFirst(type)?.Value is { Length: > 0 } v ? v : null;
                var name = jwt.EffectiveNameClaims.Select(Claim).FirstOrDefault(v => v is not null);
                var tenant = Claim(jwt.TenantClaim) ?? jwt.Tenant;
                try
                {
                    context.Principal = CallerPrincipal.Create(name, tenant, source.FindAll(jwt.RoleClaim).Select(c => c.Value), CallerAuthentication.BearerScheme);
                }
                catch (ArgumentException)
                {
                    context.Fail(name is null
                        ? $"The bearer token has none of the name claims {string.Join(", ", jwt.EffectiveNameClaims)}"
                        : $"The bearer token's '{jwt.TenantClaim}' claim is missing or not a usable tenant id ({Workflows.ResourceIds.Rule})");
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                await CallerAuthentication.WriteChallengeAsync(context.HttpContext, CallerAuthentication.Describe(context.AuthenticateFailure)).ConfigureAwait(false);
            },
        };
    }
}
