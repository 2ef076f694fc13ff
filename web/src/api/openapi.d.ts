// Generated from the server's /openapi.json by `npm run api:types -w web`; do not edit.
export interface paths {
    "/api/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find accounts: newest first, `q` matches email or name */
        get: {
            parameters: {
                query: {
                    cursor?: string;
                    limit: number;
                    q?: string;
                    role?: "user" | "organizer" | "staff" | "admin";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description Disabled by an admin: cannot log in, and its logins have ended */
                                disabled: boolean;
                                email: string;
                                id: string;
                                name: string;
                                role: "user" | "organizer" | "staff" | "admin";
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an account's role, or disable it
         * @description Either ends the account’s access tokens at once; the next request after a refresh carries the new role. Disabling also ends its refresh tokens and refuses its logins (403 `auth.account_disabled`).
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        disabled?: boolean;
                        role?: "user" | "organizer" | "staff" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Disabled by an admin: cannot log in, and its logins have ended */
                            disabled: boolean;
                            email: string;
                            id: string;
                            name: string;
                            role: "user" | "organizer" | "staff" | "admin";
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with email and password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            refreshToken: string;
                            user: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description Disabled by an admin: cannot log in, and its logins have ended */
                                disabled: boolean;
                                email: string;
                                id: string;
                                /** @description 본인인증 done: this account is linked to a verified person */
                                identityVerified: boolean;
                                name: string;
                                role: "user" | "organizer" | "staff" | "admin";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this login (revokes its refresh tokens) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End every login of this account, this one included, at once (log out everywhere)
         * @description Takes no body, or an empty JSON object.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for new tokens (rotation; a replayed token revokes the login) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            refreshToken: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account (role user) and log in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            refreshToken: string;
                            user: {
                                /** Format: date-time */
                                createdAt: string;
                                /** @description Disabled by an admin: cannot log in, and its logins have ended */
                                disabled: boolean;
                                email: string;
                                id: string;
                                /** @description 본인인증 done: this account is linked to a verified person */
                                identityVerified: boolean;
                                name: string;
                                role: "user" | "organizer" | "staff" | "admin";
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bookings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My bookings, newest first */
        get: {
            parameters: {
                query: {
                    cursor?: string;
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description KRW */
                                amount: number;
                                /** Format: date-time */
                                createdAt: string;
                                eventId: string;
                                gradeId: string;
                                id: string;
                                /** Format: date-time */
                                payBy: string;
                                quantity: number;
                                /** @enum {string} */
                                status: "pending_payment" | "confirmed" | "cancelled" | "expired";
                                tickets: {
                                    id: string;
                                    /** @enum {string} */
                                    status: "valid" | "cancelled" | "used";
                                }[];
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bookings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of my bookings (admins: any) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description KRW */
                            amount: number;
                            /** Format: date-time */
                            createdAt: string;
                            eventId: string;
                            gradeId: string;
                            id: string;
                            /** Format: date-time */
                            payBy: string;
                            quantity: number;
                            /** @enum {string} */
                            status: "pending_payment" | "confirmed" | "cancelled" | "expired";
                            tickets: {
                                id: string;
                                /** @enum {string} */
                                status: "valid" | "cancelled" | "used";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bookings/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a booking; an unpaid one returns its seats at once (idempotent) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description KRW */
                            amount: number;
                            /** Format: date-time */
                            createdAt: string;
                            eventId: string;
                            gradeId: string;
                            id: string;
                            /** Format: date-time */
                            payBy: string;
                            quantity: number;
                            /** @enum {string} */
                            status: "pending_payment" | "confirmed" | "cancelled" | "expired";
                            tickets: {
                                id: string;
                                /** @enum {string} */
                                status: "valid" | "cancelled" | "used";
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bookings/{id}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start paying for my booking; the amount is the booking’s */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            /** @description test: { url } of the built-in checkout; portone: the arguments of IMP.request_pay */
                            checkout: {
                                [key: string]: unknown;
                            };
                            paymentId: string;
                            provider: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List or search events
         * @description Without `q`: by start time, filtered by `category`, `city` (exact) and `from` ≤ startsAt < `to`. With `q` (≤ 200 characters; Korean-aware: particles, spacing, prefixes, initial consonants, English names, one-syllable typos): best match first, same filters. `cursor` is opaque; pass back `nextCursor`. A search cursor is a position in the ranking, which may shift if the catalog changes between pages. Searches answer `x-search-cache: hit|miss`. `organizer=me` (with a bearer token) lists only the caller's own events, e.g. for an organizer's dashboard.
         */
        get: {
            parameters: {
                query: {
                    category?: "concert" | "musical" | "play" | "classical" | "festival" | "exhibition" | "sports" | "other";
                    city?: string;
                    cursor?: string;
                    from?: string;
                    limit: number;
                    /** @description Only the caller's own events (needs a bearer token) */
                    organizer?: "me";
                    q?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @enum {string} */
                                category: "concert" | "musical" | "play" | "classical" | "festival" | "exhibition" | "sports" | "other";
                                id: string;
                                minPrice: number;
                                organizerId: string;
                                performers: string[];
                                posterUrl: string | null;
                                /** Format: date-time */
                                saleClosesAt: string;
                                /** Format: date-time */
                                saleOpensAt: string;
                                /** Format: date-time */
                                startsAt: string;
                                /** @enum {string} */
                                status: "upcoming" | "on_sale" | "sold_out" | "closed";
                                title: string;
                                venue: {
                                    city: string;
                                    name: string;
                                };
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Publish an event (organizers, admins)
         * @description Times are ISO 8601 with an offset. Sale opens before it closes and closes no later than the start; the sale must close in the future. 1–20 grades with unique names, capacity 1–100000, price 0–10,000,000 KRW. `perUserLimit` 1–10 (default 4); `paymentDeadline` default `end_of_day` (Asia/Seoul), or `minutes` 5–1440.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        category: "concert" | "musical" | "play" | "classical" | "festival" | "exhibition" | "sports" | "other";
                        description?: string;
                        endsAt?: string | null;
                        /** @description Proof-of-work to join the queue (ALTCHA PoW v2, PBKDF2/SHA-256 at 1,000 iterations a key): `cost` keys to derive on average; 2,000 took about 1 s on one server core (docs/BENCHMARKS.md, pow). null: none */
                        entryChallenge?: {
                            cost: number;
                        } | null;
                        grades: {
                            capacity: number;
                            name: string;
                            /** @description KRW */
                            price: number;
                        }[];
                        /** @description Joining needs a verified person of at least this age in the year of the event (연 나이, as the Youth Protection Act counts); implies requireIdentity. null: no limit */
                        minAge?: number | null;
                        /** @description How long a winner has to pay. Default: 10 minutes for an event with a pre-queue (a hot sale: unpaid seats go back quickly), else the end of the day */
                        paymentDeadline?: {
                            /** @enum {string} */
                            policy: "end_of_day";
                        } | {
                            minutes: number;
                            /** @enum {string} */
                            policy: "minutes";
                        };
                        performers?: string[];
                        perUserLimit?: number;
                        posterMediaId?: string | null;
                        /** @description A pre-queue before the opening: everyone who joins from this time until saleOpensAt is registered without a number and numbered at saleOpensAt by a public draw (GET /api/events/{id}/draw, docs/DRAW.md); later joins are numbered after them in arrival order. Must be before saleOpensAt; fixed once the pre-queue opens. null: none */
                        preQueueOpensAt?: string | null;
                        /** @description Joining the queue needs 본인인증 (a verified person) */
                        requireIdentity?: boolean;
                        /** Format: date-time */
                        saleClosesAt: string;
                        /** Format: date-time */
                        saleOpensAt: string;
                        /** Format: date-time */
                        startsAt: string;
                        title: string;
                        venue: {
                            address?: string | null;
                            city: string;
                            name: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            category: "concert" | "musical" | "play" | "classical" | "festival" | "exhibition" | "sports" | "other";
                            description: string;
                            endsAt: string | null;
                            /** @description Proof-of-work to join the queue (ALTCHA PoW v2, PBKDF2/SHA-256 at 1,000 iterations a key): `cost` keys to derive on average; 2,000 took about 1 s on one server core (docs/BENCHMARKS.md, pow). null: none */
                            entryChallenge: {
                                cost: number;
                            } | null;
                            grades: {
                                capacity: number;
                                id: string;
                                name: string;
                                price: number;
                                remaining: number;
                            }[];
                            id: string;
                            /** @description Joining needs a verified person of at least this age in the year of the event (연 나이, as the Youth Protection Act counts); implies requireIdentity. null: no limit */
                            minAge: number | null;
                            minPrice: number;
                            organizerId: string;
                            paymentDeadline: {
                                /** @enum {string} */
                                policy: "end_of_day";
                            } | {
                                minutes: number;
                                /** @enum {string} */
                                policy: "minutes";
                            };
                            performers: string[];
                            perUserLimit: number;
                            posterMediaId: string | null;
                            posterUrl: string | null;
                            /** @description A pre-queue before the opening: everyone who joins from this time until saleOpensAt is registered without a number and numbered at saleOpensAt by a public draw (GET /api/events/{id}/draw, docs/DRAW.md); later joins are numbered after them in arrival order. Must be before saleOpensAt; fixed once the pre-queue opens. null: none */
                            preQueueOpensAt: string | null;
                            /** @description Joining the queue needs 본인인증 (a verified person) */
                            requireIdentity: boolean;
                            /** Format: date-time */
                            saleClosesAt: string;
                            /** Format: date-time */
                            saleOpensAt: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** @enum {string} */
                            status: "upcoming" | "on_sale" | "sold_out" | "closed";
                            title: string;
                            venue: {
                                address: string | null;
                                city: string;
                                name: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One event with its grades */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            category: "concert" | "musical" | "play" | "classical" | "festival" | "exhibition" | "sports" | "other";
                            description: string;
                            endsAt: string | null;
                            /** @description Proof-of-work to join the queue (ALTCHA PoW v2, PBKDF2/SHA-256 at 1,000 iterations a key): `cost` keys to derive on average; 2,000 took about 1 s on one server core (docs/BENCHMARKS.md, pow). null: none */
                            entryChallenge: {
                                cost: number;
                            } | null;
                            grades: {
                                capacity: number;
                                id: string;
                                name: string;
                                price: number;
                                remaining: number;
                            }[];
                            id: string;
                            /** @description Joining needs a verified person of at least this age in the year of the event (연 나이, as the Youth Protection Act counts); implies requireIdentity. null: no limit */
                            minAge: number | null;
                            minPrice: number;
                            organizerId: string;
                            paymentDeadline: {
                                /** @enum {string} */
                                policy: "end_of_day";
                            } | {
                                minutes: number;
                                /** @enum {string} */
                                policy: "minutes";
                            };
                            performers: string[];
                            perUserLimit: number;
                            posterMediaId: string | null;
                            posterUrl: string | null;
                            /** @description A pre-queue before the opening: everyone who joins from this time until saleOpensAt is registered without a number and numbered at saleOpensAt by a public draw (GET /api/events/{id}/draw, docs/DRAW.md); later joins are numbered after them in arrival order. Must be before saleOpensAt; fixed once the pre-queue opens. null: none */
                            preQueueOpensAt: string | null;
                            /** @description Joining the queue needs 본인인증 (a verified person) */
                            requireIdentity: boolean;
                            /** Format: date-time */
                            saleClosesAt: string;
                            /** Format: date-time */
                            saleOpensAt: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** @enum {string} */
                            status: "upcoming" | "on_sale" | "sold_out" | "closed";
                            title: string;
                            venue: {
                                address: string | null;
                                city: string;
                                name: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit an event
         * @description Only the event's organizer or an admin may edit; another organizer's event answers 404. Send only the fields that change. The same rules as creation hold for the result (sale opens before it closes, closes no later than the start, grade names unique). **Once the sale has opened**, fans hold places and seats on its terms, so `saleOpensAt` cannot change, existing grades keep their price and cannot be removed, and `perUserLimit` can only grow (409 `catalog.locked_after_sale_opened`). Still editable then: texts, performers, venue, poster, `startsAt`/`endsAt`/`saleClosesAt` within the rules (closing early stops the sale), `paymentDeadline` (applies to new bookings), new grades, and capacity — never below the seats already sold (409 `catalog.capacity_below_sold`).
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        category?: "concert" | "musical" | "play" | "classical" | "festival" | "exhibition" | "sports" | "other";
                        description?: string;
                        endsAt?: string | null;
                        /** @description Proof-of-work to join the queue (ALTCHA PoW v2, PBKDF2/SHA-256 at 1,000 iterations a key): `cost` keys to derive on average; 2,000 took about 1 s on one server core (docs/BENCHMARKS.md, pow). null: none */
                        entryChallenge?: {
                            cost: number;
                        } | null;
                        /** @description The event's full list of grades: grades left out are removed (only while none is sold). */
                        grades?: {
                            capacity: number;
                            id?: string;
                            name: string;
                            /** @description KRW */
                            price: number;
                        }[];
                        /** @description Joining needs a verified person of at least this age in the year of the event (연 나이, as the Youth Protection Act counts); implies requireIdentity. null: no limit */
                        minAge?: number | null;
                        paymentDeadline?: {
                            /** @enum {string} */
                            policy: "end_of_day";
                        } | {
                            minutes: number;
                            /** @enum {string} */
                            policy: "minutes";
                        };
                        performers?: string[];
                        perUserLimit?: number;
                        posterMediaId?: string | null;
                        /** @description A pre-queue before the opening: everyone who joins from this time until saleOpensAt is registered without a number and numbered at saleOpensAt by a public draw (GET /api/events/{id}/draw, docs/DRAW.md); later joins are numbered after them in arrival order. Must be before saleOpensAt; fixed once the pre-queue opens. null: none */
                        preQueueOpensAt?: string | null;
                        /** @description Joining the queue needs 본인인증 (a verified person) */
                        requireIdentity?: boolean;
                        /** Format: date-time */
                        saleClosesAt?: string;
                        /** Format: date-time */
                        saleOpensAt?: string;
                        /** Format: date-time */
                        startsAt?: string;
                        title?: string;
                        venue?: {
                            address?: string | null;
                            city: string;
                            name: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            category: "concert" | "musical" | "play" | "classical" | "festival" | "exhibition" | "sports" | "other";
                            description: string;
                            endsAt: string | null;
                            /** @description Proof-of-work to join the queue (ALTCHA PoW v2, PBKDF2/SHA-256 at 1,000 iterations a key): `cost` keys to derive on average; 2,000 took about 1 s on one server core (docs/BENCHMARKS.md, pow). null: none */
                            entryChallenge: {
                                cost: number;
                            } | null;
                            grades: {
                                capacity: number;
                                id: string;
                                name: string;
                                price: number;
                                remaining: number;
                            }[];
                            id: string;
                            /** @description Joining needs a verified person of at least this age in the year of the event (연 나이, as the Youth Protection Act counts); implies requireIdentity. null: no limit */
                            minAge: number | null;
                            minPrice: number;
                            organizerId: string;
                            paymentDeadline: {
                                /** @enum {string} */
                                policy: "end_of_day";
                            } | {
                                minutes: number;
                                /** @enum {string} */
                                policy: "minutes";
                            };
                            performers: string[];
                            perUserLimit: number;
                            posterMediaId: string | null;
                            posterUrl: string | null;
                            /** @description A pre-queue before the opening: everyone who joins from this time until saleOpensAt is registered without a number and numbered at saleOpensAt by a public draw (GET /api/events/{id}/draw, docs/DRAW.md); later joins are numbered after them in arrival order. Must be before saleOpensAt; fixed once the pre-queue opens. null: none */
                            preQueueOpensAt: string | null;
                            /** @description Joining the queue needs 본인인증 (a verified person) */
                            requireIdentity: boolean;
                            /** Format: date-time */
                            saleClosesAt: string;
                            /** Format: date-time */
                            saleOpensAt: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** @enum {string} */
                            status: "upcoming" | "on_sale" | "sold_out" | "closed";
                            title: string;
                            venue: {
                                address: string | null;
                                city: string;
                                name: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/events/{id}/draw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The opening draw of an event with a pre-queue: everything needed to check it
         * @description Public. `open` while the pre-queue registers fans (secretHash is fixed from the start); `frozen` from the opening (the list’s commitment and the beacon round are fixed); `drawn` once every registration has its number (secret, beacon randomness and seed revealed). docs/DRAW.md says how to recompute every number; `npm run verify-draw -- <base URL> <event id>` does it. An event without a pre-queue → 404 `draw.none`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description How numbers follow from what is published here: docs/DRAW.md */
                            algorithm: string;
                            /** @description The public randomness that goes into the seed; null for a draw on its secret alone */
                            beacon: {
                                chainHash: string;
                                /** @description The round’s randomness, once drawn; null when the round could not be had */
                                randomness: string | null;
                                /** @description Two rounds after the one in progress at frozenAt; null while open */
                                round: number | null;
                                /** @description The round’s BLS signature (check it against the chain’s public key) */
                                signature: string | null;
                                /** @enum {string} */
                                source: "drand";
                            } | null;
                            /** @description SHA-256 over the frozen list’s tickets (docs/DRAW.md); null while open */
                            commitment: string | null;
                            /**
                             * Format: date-time
                             * @description The opening (saleOpensAt): the list freezes then
                             */
                            drawAt: string;
                            drawnAt: string | null;
                            /** @description Registrations so far while open; the frozen list’s size after */
                            entries: number;
                            eventId: string;
                            /** @description The drawn numbers start here */
                            firstNumber: number | null;
                            frozenAt: string | null;
                            /** Format: date-time */
                            preQueueOpensAt: string;
                            /** @description Revealed when drawn; null before */
                            secret: string | null;
                            /** @description SHA-256 of `secret`, published before the first registration */
                            secretHash: string;
                            /** @description Once drawn: SHA-256 of the algorithm, event id, commitment, secret and randomness */
                            seed: string | null;
                            /**
                             * @description `open`: the pre-queue takes registrations; `frozen`: the list is fixed, the seed is awaited; `drawn`: every registration has its number
                             * @enum {string}
                             */
                            status: "open" | "frozen" | "drawn";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/draw/list": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The frozen list of the opening draw: every pseudonymous ticket, and its number once drawn
         * @description Public. Tickets in byte order (the order the commitment hashes them in); each fan finds their own as `drawTicket` on their QueueEntry. Before the opening → 409 `draw.not_frozen`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            commitment: string;
                            /** @description Every ticket of the frozen list in byte order */
                            entries: {
                                /** @description null until drawn */
                                number: number | null;
                                ticket: string;
                            }[];
                            eventId: string;
                            /** @enum {string} */
                            status: "open" | "frozen" | "drawn";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Payments for an event: its organizer and admins */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description KRW */
                                amount: number;
                                bookingId: string;
                                cancelledAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                failureCode: string | null;
                                id: string;
                                paidAt: string | null;
                                provider: string;
                                providerPaymentId: string | null;
                                /**
                                 * @description `cancelled` is a full refund; `refund_pending` a refund decided but not yet carried out
                                 * @enum {string}
                                 */
                                status: "ready" | "paid" | "failed" | "refund_pending" | "cancelled";
                                userId: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a place in the event’s queue (202; 200 with the same entry when already in it)
         * @description Answered only once the place is durably stored. Quantity over the event’s perUserLimit → 400. On an event with requireIdentity the limit is per verified person: places taken through an account the same person closed count too, and going over → 409 `queue.person_limit`. One entry per account: asking again returns it (200). An account whose entry failed (e.g. sold out) may ask to join again with `rejoin: true`: a new number at the back (202), to win a seat that comes back; the failed entry is kept. An account whose won hold lapsed unpaid joins again at the back; after two lapsed holds for the event → 409 `queue.barred`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        gradeId: string;
                        /** @description With an entryChallenge: the solved ALTCHA payload, base64 of JSON `{ challenge, solution }` */
                        proof?: string;
                        quantity: number;
                        /** @description true: if this account’s entry failed (e.g. sold out), join again at the back with a new number (the failed entry is kept); otherwise, as without it. Without it a join is idempotent: a retry after a failure answers the failed entry (200) */
                        rejoin?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description With a pre-queue: this entry’s pseudonymous ticket in the draw’s published list (GET …/draw/list); null for joins after the opening */
                            drawTicket: string | null;
                            /** @description From the measured processing rate; null before any is measured */
                            etaSeconds: number | null;
                            eventId: string;
                            gradeId: string;
                            /** @description 1, 2, 3 … in arrival order for the event; entries of a pre-queue are numbered first, by the opening draw. null while `registered` (before the draw) */
                            number: number | null;
                            /** @description Places ahead not yet processed, plus one; 0 once processed, and while registered. Never goes up. */
                            position: number;
                            quantity: number;
                            result: {
                                bookingId: string;
                            } | {
                                /** @enum {string} */
                                reason: "sold_out" | "limit_exceeded" | "sale_closed";
                            } | null;
                            /** @description Every entry numbered up to this has its result */
                            servedUpTo: number;
                            /** @enum {string} */
                            status: "registered" | "waiting" | "succeeded" | "failed" | "left";
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description With a pre-queue: this entry’s pseudonymous ticket in the draw’s published list (GET …/draw/list); null for joins after the opening */
                            drawTicket: string | null;
                            /** @description From the measured processing rate; null before any is measured */
                            etaSeconds: number | null;
                            eventId: string;
                            gradeId: string;
                            /** @description 1, 2, 3 … in arrival order for the event; entries of a pre-queue are numbered first, by the opening draw. null while `registered` (before the draw) */
                            number: number | null;
                            /** @description Places ahead not yet processed, plus one; 0 once processed, and while registered. Never goes up. */
                            position: number;
                            quantity: number;
                            result: {
                                bookingId: string;
                            } | {
                                /** @enum {string} */
                                reason: "sold_out" | "limit_exceeded" | "sale_closed";
                            } | null;
                            /** @description Every entry numbered up to this has its result */
                            servedUpTo: number;
                            /** @enum {string} */
                            status: "registered" | "waiting" | "succeeded" | "failed" | "left";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/queue/challenge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A proof-of-work challenge for joining this event (events with an entryChallenge)
         * @description Bound to the account and event, good for 30 minutes, spent by the join it lets in. Solve it (the ALTCHA widget or altcha-lib’s solver, PBKDF2/SHA-256) and send `proof` with the join. An event without one → 404 `queue.no_challenge`. Missing, wrong, expired, reused or another account’s proof on the join → 403 `queue.challenge_failed`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An ALTCHA PoW v2 challenge (altcha-lib 2: `{ parameters: { algorithm, nonce, salt, cost, keyLength, keyPrefix, keySignature, expiresAt, data: { userId, eventId } }, signature }`), good for 30 minutes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/queue/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My place in the queue */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description With a pre-queue: this entry’s pseudonymous ticket in the draw’s published list (GET …/draw/list); null for joins after the opening */
                            drawTicket: string | null;
                            /** @description From the measured processing rate; null before any is measured */
                            etaSeconds: number | null;
                            eventId: string;
                            gradeId: string;
                            /** @description 1, 2, 3 … in arrival order for the event; entries of a pre-queue are numbered first, by the opening draw. null while `registered` (before the draw) */
                            number: number | null;
                            /** @description Places ahead not yet processed, plus one; 0 once processed, and while registered. Never goes up. */
                            position: number;
                            quantity: number;
                            result: {
                                bookingId: string;
                            } | {
                                /** @enum {string} */
                                reason: "sold_out" | "limit_exceeded" | "sale_closed";
                            } | null;
                            /** @description Every entry numbered up to this has its result */
                            servedUpTo: number;
                            /** @enum {string} */
                            status: "registered" | "waiting" | "succeeded" | "failed" | "left";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Leave the queue (409 queue.already_processed when too late); the account may join again at the back */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description With a pre-queue: this entry’s pseudonymous ticket in the draw’s published list (GET …/draw/list); null for joins after the opening */
                            drawTicket: string | null;
                            /** @description From the measured processing rate; null before any is measured */
                            etaSeconds: number | null;
                            eventId: string;
                            gradeId: string;
                            /** @description 1, 2, 3 … in arrival order for the event; entries of a pre-queue are numbered first, by the opening draw. null while `registered` (before the draw) */
                            number: number | null;
                            /** @description Places ahead not yet processed, plus one; 0 once processed, and while registered. Never goes up. */
                            position: number;
                            quantity: number;
                            result: {
                                bookingId: string;
                            } | {
                                /** @enum {string} */
                                reason: "sold_out" | "limit_exceeded" | "sale_closed";
                            } | null;
                            /** @description Every entry numbered up to this has its result */
                            servedUpTo: number;
                            /** @enum {string} */
                            status: "registered" | "waiting" | "succeeded" | "failed" | "left";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/queue/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event’s queue progress */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            lastNumber: number;
                            processedPerSecond: number;
                            servedUpTo: number;
                            /** @description Entries not yet processed (places of fans who left included until passed) */
                            waiting: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/queue/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My place, live (Server-Sent Events)
         * @description `text/event-stream`. `event: position` (`{ number, position, servedUpTo, etaSeconds }`, id = servedUpTo) at least once a second while waiting; `event: result` (a QueueEntry) once, then the stream ends. A client that connects after processing gets the result at once; a reconnecting client resumes (its Last-Event-ID keeps the position from going up). An entry `registered` for the opening draw gets `event: registered` (a QueueEntry) once; its stream then stays open (comments only) and ends 6–10 s after the opening, and the reconnect finds the drawn number. EventSource cannot set headers, so this route also accepts the access token as `?access_token=<accessToken>` (short-lived JWT).
         */
        get: {
            parameters: {
                query?: {
                    access_token?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/trending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Events most viewed and searched lately
         * @description A view counts 1, appearing in the top three of a search 0.3/0.2/0.1, each once per viewer (the account of a valid bearer token, else the address) per event per hour; weights halve every hour. Closed events are left out. Counted per API process.
         */
        get: {
            parameters: {
                query: {
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @enum {string} */
                                category: "concert" | "musical" | "play" | "classical" | "festival" | "exhibition" | "sports" | "other";
                                id: string;
                                minPrice: number;
                                organizerId: string;
                                performers: string[];
                                posterUrl: string | null;
                                /** Format: date-time */
                                saleClosesAt: string;
                                /** Format: date-time */
                                saleOpensAt: string;
                                /** Format: date-time */
                                startsAt: string;
                                /** @enum {string} */
                                status: "upcoming" | "on_sale" | "sold_out" | "closed";
                                title: string;
                                venue: {
                                    city: string;
                                    name: string;
                                };
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/gate/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Let a pass’s holder in (staff, admins); each ticket once
         * @description Errors: `gate.pass_invalid` 400 (not a pass, or altered), `gate.pass_expired` 409 (ask for a fresh one), `gate.wrong_event` 409, `gate.already_used` 409, `ticket.not_valid` 409 (booking not confirmed, ticket cancelled, or no longer the holder’s).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        eventId: string;
                        pass: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bookingId: string;
                            /** Format: date-time */
                            checkedInAt: string;
                            eventId: string;
                            gradeId: string;
                            holder: {
                                name: string | null;
                            };
                            ticketId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/identity/test-verification/{verificationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The test provider’s verification window (HTML) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    verificationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /**
         * The tester names the person in the test window → { providerVerificationId }
         * @description Only the account that opened the window, and only once; anyone else gets 404.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    verificationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description YYYY-MM-DD */
                        birthDate: string;
                        /** @description plays the CI: the same string is one person */
                        person: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            providerVerificationId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Disabled by an admin: cannot log in, and its logins have ended */
                            disabled: boolean;
                            email: string;
                            id: string;
                            /** @description 본인인증 done: this account is linked to a verified person */
                            identityVerified: boolean;
                            name: string;
                            role: "user" | "organizer" | "staff" | "admin";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /**
         * Close this account (회원탈퇴) with its password
         * @description Every login ends at once. The email, name and password are erased; bookings and payments are kept (accounting law) without them. A wrong password is 401 `auth.invalid_credentials`.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/identity-verifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open a 본인인증 window with the identity provider
         * @description The browser opens the provider’s window with `checkout`, then completes with the provider’s id of the verification. Takes no body (or `{}`). Limited per account and per address (429).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description What the browser needs to open the provider’s window. `test`: `{ url }`, the test page (POST `{ person, birthDate }` there with the account’s token). `portone`: `{ sdkUrl, impCode, merchantUid, channelKey | pg }` for `IMP.certification`. */
                            checkout: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            provider: "test" | "portone";
                            verificationId: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/identity-verifications/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a verification: the server asks the provider what it certified
         * @description Kept: a keyed hash of the person’s CI, the birth year, the time; never the name, phone number or raw CI, and the provider is asked to delete its copy. One person per account and one account per person: the same person on another account → 409 `identity.already_linked` (closing that account releases them); this account already verified as someone else → 409 `identity.other_person`; not certified (unfinished, refused) → 422 `identity.not_certified`; another account’s verification → 404. Repeating a completed verification answers the same.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        providerVerificationId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            identityVerified: true;
                            /** Format: date-time */
                            verifiedAt: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload an image (poster)
         * @description multipart/form-data with one field `file`. The bytes decide: only real JPEG, PNG, WebP, GIF and AVIF are accepted (415 otherwise, including files with data after the image or embedded markup, and images over 50 megapixels). The image is re-encoded, which strips EXIF/GPS and other metadata, and stored under the SHA-256 of the result, which is its id. Over 10485760 bytes → 413.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bytes: number;
                            contentType: string;
                            height: number;
                            id: string;
                            url: string;
                            width: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/media/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An uploaded image
         * @description Served with a strong ETag and `Cache-Control: public, max-age=31536000, immutable` (the id names the content). `?w=` (one of 160, 320, 640, 1024) gives a WebP copy that wide, never enlarged, made once and kept. If-None-Match → 304.
         */
        get: {
            parameters: {
                query?: {
                    w?: 160 | 320 | 640 | 1024;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My payment history, newest first */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description KRW */
                                amount: number;
                                bookingId: string;
                                cancelledAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                failureCode: string | null;
                                id: string;
                                paidAt: string | null;
                                provider: string;
                                providerPaymentId: string | null;
                                /**
                                 * @description `cancelled` is a full refund; `refund_pending` a refund decided but not yet carried out
                                 * @enum {string}
                                 */
                                status: "ready" | "paid" | "failed" | "refund_pending" | "cancelled";
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/{paymentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of my payments with its append-only history of attempts and provider answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    paymentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description KRW */
                            amount: number;
                            bookingId: string;
                            cancelledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            failureCode: string | null;
                            history: {
                                /** Format: date-time */
                                at: string;
                                data: {
                                    [key: string]: unknown;
                                };
                                kind: string;
                                status: string | null;
                            }[];
                            id: string;
                            paidAt: string | null;
                            provider: string;
                            providerPaymentId: string | null;
                            /**
                             * @description `cancelled` is a full refund; `refund_pending` a refund decided but not yet carried out
                             * @enum {string}
                             */
                            status: "ready" | "paid" | "failed" | "refund_pending" | "cancelled";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/{paymentId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish a payment: the server asks the provider and confirms the booking once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    paymentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        providerPaymentId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description KRW */
                            amount: number;
                            bookingId: string;
                            cancelledAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            failureCode: string | null;
                            id: string;
                            paidAt: string | null;
                            provider: string;
                            providerPaymentId: string | null;
                            /**
                             * @description `cancelled` is a full refund; `refund_pending` a refund decided but not yet carried out
                             * @enum {string}
                             */
                            status: "ready" | "paid" | "failed" | "refund_pending" | "cancelled";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/test-checkout/{paymentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The test provider’s payment window (HTML) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    paymentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /**
         * The payer’s decision in the test window → { providerPaymentId, status }
         * @description Only the account that prepared the payment may decide; anyone else gets 404.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    paymentId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description what the payer paid */
                        amount?: number;
                        decision: "approve" | "decline";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            providerPaymentId: string;
                            /** @enum {string} */
                            status: "ready" | "paid" | "failed" | "cancelled";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/webhooks/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The provider’s notification { imp_uid, merchant_uid, status }; verified by asking the provider
         * @description JSON or application/x-www-form-urlencoded, as PortOne’s console is set to send it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    provider: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            received: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tickets/{id}/pass": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A gate pass for one of my tickets (confirmed booking, ticket valid)
         * @description A signed token naming the ticket, its event and its holder, good for 60 seconds: show it as a QR code and ask again before it runs out. Someone else’s ticket → 404; a ticket that admits no one → 409 `ticket.not_valid`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expiresAt: string;
                            /** @description Show as a QR code at the gate; good for a minute */
                            pass: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Storage answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
