# regnet: one static binary with the bundled documents and the explorer.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/regnet ./cmd/regnet

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/regnet /usr/local/bin/regnet
ENV REGNET_ADDR=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/regnet"]
CMD ["serve"]
