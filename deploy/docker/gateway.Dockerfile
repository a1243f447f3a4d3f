# syntax=docker/dockerfile:1
# The gateway host (HTTP API, SignalR hubs, web client). Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t dataselection-gateway .
# The image runs in embedded mode by default (one process with its own silo and SQLite store);
# compose and Kubernetes set DataSelection__Mode=client to make it an Orleans client of the silos.
# No HEALTHCHECK: Kubernetes probes call /health/live and /health/ready (the image has no curl).

# The pages' libraries come from npm (gateway/package-lock.json); the .NET SDK image has no Node,
# so they are restored here and handed to the build stage.
FROM node:22-bookworm-slim AS web
WORKDIR /src/gateway
COPY gateway/package.json gateway/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY grains/DataSelection.Simulation/DataSelection.Simulation.csproj grains/DataSelection.Simulation/
COPY grains/DataSelection.Contracts/DataSelection.Contracts.csproj grains/DataSelection.Contracts/
COPY grains/DataSelection.Grains/DataSelection.Grains.csproj grains/DataSelection.Grains/
COPY hosting/DataSelection.ServiceDefaults/DataSelection.ServiceDefaults.csproj hosting/DataSelection.ServiceDefaults/
COPY gateway/DataSelection.Gateway.csproj gateway/
RUN dotnet restore gateway/DataSelection.Gateway.csproj
COPY grains/ grains/
COPY hosting/ hosting/
COPY gateway/ gateway/
COPY --from=web /src/gateway/node_modules gateway/node_modules/
# The stamp tells the gateway build that npm ci has run (it copies wwwroot/lib from node_modules).
RUN touch gateway/node_modules/.npm-ci.stamp
RUN dotnet publish gateway/DataSelection.Gateway.csproj -c Release --no-restore -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN mkdir -p /var/lib/dataselection && chown "$APP_UID" /var/lib/dataselection
WORKDIR /app
COPY --from=build /app ./
# Urls as a plain environment variable: it overrides the "Urls" in appsettings.json (ASPNETCORE_URLS would not).
ENV Urls=http://+:8080 \
    DataSelection__DataDirectory=/var/lib/dataselection \
    DataSelection__SiloPort=11111 \
    DataSelection__GatewayPort=30000 \
    DOTNET_gcServer=1
# 8080 HTTP (API, hubs, health, metrics); 11111 and 30000 are used only in embedded mode.
EXPOSE 8080 11111 30000
VOLUME /var/lib/dataselection
USER $APP_UID
ENTRYPOINT ["dotnet", "DataSelection.Gateway.dll"]
