"""Domains of unusual businesses, in descriptions written for this test (not from any eval set)."""

from __future__ import annotations

import pytest

from synthdata.analysis.domains import score_domains
from synthdata.analysis.text import tokenize

CASES = [
    (
        (
            "A booking office for a chain of alpine refuges: climbers reserve bunks for a "
            "night, pay a deposit and pick half board or breakfast only."
        ),
        ["hospitality", "tourism", "travel"],
    ),
    (
        (
            "We run a small youth hostel with dorm beds and private rooms; guests check in at"
            " the front desk."
        ),
        ["hospitality"],
    ),
    (
        (
            "An academic journal's editorial office: manuscripts are submitted by authors, "
            "assigned to a handling editor and sent out for peer review."
        ),
        ["education", "media", "publishing", "research"],
    ),
    (
        (
            "A cooking website where home cooks share recipes, list the ingredients and rate "
            "each other's dishes."
        ),
        ["media", "publishing", "restaurants", "social", "social_media"],
    ),
    (
        (
            "The county archive keeps a register of deeds, maps and letters donated by local "
            "families; researchers request items in the reading room."
        ),
        ["government", "nonprofit", "research"],
    ),
    (
        (
            "Our art gallery's collection database: each artwork has an accession number, "
            "artist, medium and provenance, and the curator tracks which works are on "
            "display."
        ),
        ["education", "entertainment", "government", "nonprofit"],
    ),
    (
        (
            "A documentary production company tracking shoots, interviewees, release forms "
            "and the footage recorded each day."
        ),
        ["entertainment", "media"],
    ),
    (
        (
            "A funeral home arranges services: each deceased person has a family contact, a "
            "chosen casket, a ceremony date and a burial or cremation."
        ),
        ["personal_services"],
    ),
    (
        (
            "A tattoo studio books sessions with its artists; each client signs a consent "
            "form and pays a deposit."
        ),
        ["personal_services"],
    ),
    (
        (
            "An allotment society with plots let to members who pay an annual rent and record"
            " what they grow."
        ),
        ["agriculture", "nonprofit"],
    ),
    (
        (
            "A beekeeping cooperative logs hive inspections, honey harvests and queen "
            "replacements for each apiary."
        ),
        ["agriculture"],
    ),
    (
        (
            "A craft distillery records each batch of gin: botanicals used, still run, "
            "bottling date and cask."
        ),
        ["manufacturing"],
    ),
    (
        (
            "A bicycle courier company dispatches riders to pick up parcels and deliver them "
            "across town, with proof of delivery."
        ),
        ["logistics"],
    ),
    (
        (
            "A harbour master's office schedules vessel arrivals, assigns berths and bills "
            "port dues."
        ),
        ["government", "logistics", "shipping"],
    ),
    (
        (
            "A parish council handles allotment applications, streetlight complaints and "
            "planning comments from residents."
        ),
        ["government"],
    ),
    (
        ("A police force keeps crime reports, the officers assigned and the suspects arrested."),
        ["government", "public_sector"],
    ),
    (
        (
            "A tree surgeon and landscaping business quotes jobs, schedules crews and "
            "invoices homeowners."
        ),
        ["property", "real_estate"],
    ),
    (
        (
            "A student housing provider lets rooms in shared flats with tenancy agreements "
            "and monthly rent."
        ),
        ["real_estate"],
    ),
    (
        (
            "A theatre company's productions, the cast of each show, rehearsals and "
            "performances with ticket sales."
        ),
        ["entertainment", "events", "media"],
    ),
    (
        (
            "An indie game studio's backend: players, matches, in-game currency and the items"
            " they unlock."
        ),
        ["gaming"],
    ),
    (
        (
            "A wedding planner manages couples, their guest lists, vendors and the seating "
            "plan for the reception."
        ),
        ["events"],
    ),
    (
        (
            "A law firm's matters, the clients, the solicitors working on each and the hours "
            "they bill."
        ),
        ["legal"],
    ),
    (
        ("A veterinary practice with pet owners, their animals, vaccinations and appointments."),
        ["healthcare"],
    ),
    (
        (
            "A pawnbroker lends against jewellery and watches; each pledge has a loan amount,"
            " interest and redemption date."
        ),
        ["finance"],
    ),
    (
        (
            "An insurance broker's claims: policyholders report a loss, an adjuster visits "
            "and the claim is settled."
        ),
        ["insurance"],
    ),
    (
        (
            "A dairy farm's herd records: each cow's calving dates, milk yield per milking "
            "and vet treatments."
        ),
        ["agriculture"],
    ),
    (
        (
            "A wind farm operator logs turbine output every ten minutes and records "
            "maintenance outages."
        ),
        ["energy"],
    ),
    (
        (
            "A regional water company bills households from meter readings and tracks leaks "
            "on its water mains."
        ),
        ["energy", "utilities"],
    ),
    (
        (
            "A mobile network operator with subscribers, SIM cards, data plans and call "
            "detail records."
        ),
        ["telecom"],
    ),
    (
        (
            "A tour operator runs guided hiking tours in Patagonia with fixed departures and "
            "small groups."
        ),
        ["tourism", "travel"],
    ),
    (
        "A regional airline's flights, aircraft, crew rosters and passenger bookings.",
        ["aviation", "transportation", "travel"],
    ),
    (
        ("A used car dealership tracks vehicles on the lot, test drives, trade-ins and sales."),
        ["automotive"],
    ),
    (
        (
            "A language school schedules evening classes, enrols students and tracks "
            "attendance and exam results."
        ),
        ["education"],
    ),
    (
        "A coworking space rents desks and private offices to members on monthly plans.",
        ["real_estate"],
    ),
    (
        (
            "An archaeological excavation records finds, the trench they came from and the "
            "specialist who analysed them."
        ),
        ["research"],
    ),
    (
        ("A football league's clubs, players, fixtures and match results across the season."),
        ["athletics", "sports"],
    ),
    (
        "A yoga studio with members, class passes and instructors teaching each class.",
        ["sports"],
    ),
    (
        (
            "A food bank collects donations from supermarkets and distributes parcels to "
            "families referred by agencies."
        ),
        ["nonprofit"],
    ),
    (
        ("A recording studio books sessions for bands, with an engineer and the tracks recorded."),
        ["media"],
    ),
    (
        "A bakery's till records sales of bread and cakes by the loaf and by the box.",
        ["restaurants", "retail"],
    ),
    (
        "A ski resort sells lift passes, rents equipment and runs ski school lessons.",
        ["hospitality", "sports", "tourism", "travel"],
    ),
    (
        (
            "A translation agency assigns documents to freelance translators by language pair"
            " and bills clients per word."
        ),
        ["legal", "media", "publishing"],
    ),
    (
        (
            "A shipyard builds and repairs fishing trawlers; each job has a hull number and "
            "work packages."
        ),
        ["manufacturing", "shipping"],
    ),
    (
        (
            "A mosque's community office tracks members, donations for Ramadan and volunteers"
            " for iftar meals."
        ),
        ["nonprofit"],
    ),
    (
        (
            "A hospital's operating theatre schedule: surgeons, patients, procedures and "
            "anaesthetists."
        ),
        ["healthcare"],
    ),
    (
        "Our photography studio books portrait sessions and sells prints to clients.",
        ["media", "personal_services"],
    ),
    (
        (
            "A scientific society's conference office. Each member stores a profile; the "
            "office books rooms for talks, and the shop sells proceedings."
        ),
        ["events", "nonprofit", "research"],
    ),
    (
        (
            "Our museum's education team: school groups book a visit, each visit has a guide,"
            " a date and the number of pupils; teachers fill in a feedback form."
        ),
        ["education", "entertainment", "nonprofit"],
    ),
    (
        (
            "Film festival submissions: filmmakers submit films with a title, runtime and "
            "genre; a jury scores each film and the programme lists screenings by venue."
        ),
        ["entertainment", "events", "media"],
    ),
    (
        (
            "A seed library lends packets of heirloom seeds to gardeners, who return seeds "
            "from their harvest at the end of the season."
        ),
        ["agriculture", "government", "nonprofit"],
    ),
    (
        (
            "A vintage clothing store buys stock from house clearances; each item has a size,"
            " era, condition and price, and sales are rung up at the till."
        ),
        ["retail"],
    ),
    (
        (
            "Pottery studio: students book wheel-throwing classes, pieces are glazed and "
            "fired in the kiln, and finished pots are collected a week later."
        ),
        ["education", "entertainment", "manufacturing", "personal_services", "sports"],
    ),
    (
        (
            "A wildlife sanctuary records rescued animals, their species, intake date, "
            "treatment by the vet and release or adoption."
        ),
        ["nonprofit"],
    ),
    (
        (
            "A cider maker presses apples from local orchards, ferments in tanks and bottles "
            "each batch with a batch number."
        ),
        ["agriculture", "manufacturing"],
    ),
    (
        (
            "An online bookshop stores titles, authors and orders; customers add books to a "
            "cart and check out."
        ),
        ["ecommerce", "retail"],
    ),
    (
        (
            "A community radio station: volunteer presenters host shows in time slots, and "
            "each broadcast logs the songs played for royalty reporting."
        ),
        ["media"],
    ),
    (
        (
            "A surf school rents boards and wetsuits and runs lessons on the beach for "
            "beginners, with instructors assigned per lesson."
        ),
        ["education", "sports", "tourism"],
    ),
    (
        (
            "A hut-to-hut trekking company sells multi-day routes; each departure has a "
            "mountain guide and travellers sleep in refuges along the way."
        ),
        ["hospitality", "tourism", "travel"],
    ),
    (
        (
            "The cathedral choir's music library tracks scores, which chorister borrowed them"
            " and when services use each anthem."
        ),
        ["entertainment", "nonprofit"],
    ),
    (
        (
            "A dog rescue charity: dogs arrive from pounds, are fostered by volunteers and "
            "adopted by families after a home check."
        ),
        ["nonprofit"],
    ),
    (
        (
            "A court reporting firm sends stenographers to depositions and produces "
            "transcripts for attorneys."
        ),
        ["legal"],
    ),
    (
        (
            "A plant nursery grows shrubs and trees from cuttings, pots them on and sells "
            "them wholesale to garden centres."
        ),
        ["agriculture", "retail"],
    ),
    (
        (
            "A university press publishes monographs: each book has an editor, authors, a "
            "series and print runs."
        ),
        ["education", "media", "publishing"],
    ),
    (
        (
            "A space startup operates a constellation of small satellites; ground stations "
            "download images on each pass."
        ),
        ["research", "saas", "tech", "telecom"],
    ),
    (
        (
            "A marine research vessel logs cruises, sampling stations, water samples and the "
            "scientists on board."
        ),
        ["research"],
    ),
    (
        (
            "A podcast network's shows, episodes, hosts and the advertisers who sponsor each "
            "episode."
        ),
        ["media"],
    ),
    (
        ("A pharmacy chain's prescriptions, pharmacists, patients and the medicines dispensed."),
        ["healthcare", "retail"],
    ),
    (
        (
            "A kennel and cattery takes bookings for pets while owners are away; each stay "
            "has a pen, feeding notes and vaccination proof."
        ),
        ["hospitality", "personal_services"],
    ),
    (
        (
            "An auction house catalogues lots for each sale; bidders register a paddle number"
            " and the hammer price is recorded for every lot."
        ),
        ["ecommerce", "entertainment", "retail"],
    ),
    (
        (
            "A blood donation service schedules donors at mobile sessions and tracks each "
            "unit from collection to the hospital."
        ),
        ["healthcare", "nonprofit"],
    ),
    (
        (
            "A chess club runs a ladder; members play rated games and the results update "
            "their rating."
        ),
        ["athletics", "gaming", "nonprofit", "sports"],
    ),
    (
        (
            "Ferry company timetable: crossings between islands, vessels, sailings and foot "
            "and vehicle tickets."
        ),
        ["shipping", "transportation", "travel"],
    ),
    (
        (
            "A recycling centre weighs loads of scrap metal brought in by collectors and pays"
            " per kilo by grade."
        ),
        ["government", "industrial", "logistics", "manufacturing"],
    ),
    (
        (
            "An orchestra's concert season: works programmed for each concert, soloists, "
            "conductors and rehearsals."
        ),
        ["entertainment", "events", "media"],
    ),
    (
        (
            "A diving centre runs PADI courses and boat dives; each diver has a certification"
            " level and logged dives."
        ),
        ["education", "sports", "tourism"],
    ),
    (
        (
            "A registry of clinical trials: each trial has a sponsor, sites, investigators "
            "and enrolled participants."
        ),
        ["healthcare", "research"],
    ),
    (
        (
            "Genealogy website: users build family trees of people with birth and death "
            "dates, parents and marriages, and attach scanned records."
        ),
        ["media", "nonprofit", "publishing", "research", "saas", "social", "social_media"],
    ),
    (
        (
            "Our climbing gym sells day passes and memberships; staff log route setting on "
            "each wall and members book belay induction slots."
        ),
        ["sports"],
    ),
    (
        (
            "A small-town newspaper: reporters file stories, editors approve them for a print"
            " edition, and subscribers get home delivery."
        ),
        ["media", "publishing"],
    ),
    (
        (
            "We're a boutique wedding photography business. Couples book a package, we shoot "
            "the day, and then deliver an online gallery of edited images."
        ),
        ["events", "media", "personal_services"],
    ),
    (
        (
            "Ski hire shop with skis, boots and helmets; each rental has a customer, start "
            "and end date, and damage notes on return."
        ),
        ["retail", "sports"],
    ),
    (
        (
            "An opera house's costume department tracks garments, which production and role "
            "they belong to, fittings with singers and cleaning."
        ),
        ["entertainment"],
    ),
    (
        (
            "Independent cinema: films, screenings in two screens, seats sold per screening "
            "and concession sales."
        ),
        ["entertainment"],
    ),
    (
        (
            "A literary magazine's submissions queue: writers send poems and short stories, "
            "readers vote, and accepted pieces appear in an issue."
        ),
        ["media", "publishing"],
    ),
    (
        (
            "A horse livery yard: owners rent stables, horses have feed plans, farrier visits"
            " and vet checks, and invoices go out monthly."
        ),
        ["agriculture", "sports"],
    ),
    (
        (
            "Our hospice runs a shop network and a lottery; supporters give monthly and we "
            "claim gift aid on their donations."
        ),
        ["healthcare", "nonprofit"],
    ),
    (
        (
            "A coffee roastery buys green beans from farms, roasts them in batches with a "
            "roast profile and sells bags wholesale to cafes."
        ),
        ["manufacturing"],
    ),
    (
        (
            "A municipal swimming pool timetable: lane swims, lessons, and aqua aerobics "
            "classes, with members paying per session."
        ),
        ["government", "sports"],
    ),
    (
        (
            "Tenant screening service for landlords: applicants consent to credit and "
            "reference checks and the landlord sees a report."
        ),
        ["finance", "real_estate"],
    ),
    (
        (
            "A church hall booking system: community groups reserve the hall by the hour and "
            "pay a hire fee."
        ),
        ["events", "nonprofit", "real_estate"],
    ),
    (
        (
            "An observatory's telescope time: astronomers submit proposals, a panel ranks "
            "them and nights are allocated."
        ),
        ["research"],
    ),
    (
        (
            "A glamping site with yurts and shepherd huts, bookings per night, and add-ons "
            "like firewood and breakfast hampers."
        ),
        ["hospitality", "tourism", "travel"],
    ),
    (
        (
            "We design and print custom t-shirts; customers upload artwork, choose sizes and "
            "we ship the finished order."
        ),
        ["ecommerce", "manufacturing", "retail"],
    ),
    (
        (
            "A volunteer fire brigade tracks call-outs, which firefighters attended, the "
            "engine used and equipment checks."
        ),
        ["government", "public_sector"],
    ),
    (
        (
            "A wine bar's stock of bottles, the tasting flights on the menu and tabs run up "
            "by customers each evening."
        ),
        ["restaurants"],
    ),
    (
        (
            "A sheltered housing scheme for older people: residents, flats, warden checks and"
            " alarm call logs."
        ),
        ["healthcare", "nonprofit", "real_estate"],
    ),
    (
        (
            "A mobile dog groomer's van visits customers at home; each appointment has a dog,"
            " a service and a price."
        ),
        ["personal_services"],
    ),
    (
        (
            "A film archive catalogues reels, their format and condition, and requests from "
            "broadcasters to license clips."
        ),
        ["entertainment", "media", "nonprofit"],
    ),
    (
        ("A cricket club's members, teams, fixtures and the scorebook for every innings."),
        ["athletics", "sports"],
    ),
    (
        (
            "A tutoring marketplace matching tutors with parents; lessons are booked online "
            "and paid by card."
        ),
        ["ecommerce", "education"],
    ),
    (
        ("A ferry booking app where passengers buy tickets for sailings and add a car or bicycle."),
        ["shipping", "transportation", "travel"],
    ),
    (
        (
            "Our lab's freezer inventory: boxes of samples in racks, each tube labelled with "
            "the project and the date it was frozen."
        ),
        ["healthcare", "research"],
    ),
    (
        (
            "A makerspace where members book the laser cutter and 3D printers and pay for "
            "materials used."
        ),
        ["education", "manufacturing", "nonprofit", "saas", "sports"],
    ),
    (
        (
            "Fishing tackle shop with rods, reels and bait; regulars have a tab and we sell "
            "day permits for the river."
        ),
        ["retail"],
    ),
    (
        (
            "A crematorium schedules services in two chapels and keeps records of ashes "
            "collected by families."
        ),
        ["government", "personal_services"],
    ),
    (
        (
            "A drama school's auditions: applicants pick a slot, perform two monologues and "
            "panel members score them."
        ),
        ["education", "entertainment"],
    ),
    (
        (
            "A harbour-side fish market: boats land catches, each box is weighed and graded "
            "and buyers bid at the morning auction."
        ),
        ["agriculture", "ecommerce", "retail"],
    ),
    (
        ("A church's baptism and wedding register with officiating clergy, dates and witnesses."),
        ["government", "nonprofit"],
    ),
    (
        (
            "A zoo's animal records: each animal has a species, enclosure, keeper, diet and "
            "vet history."
        ),
        ["entertainment", "nonprofit", "research"],
    ),
    (
        ("Car boot sale organiser: sellers book pitches for each Sunday and pay on the gate."),
        ["ecommerce", "events", "retail"],
    ),
    (
        (
            "An e-bike subscription startup delivers bikes to riders monthly and services "
            "them on a schedule."
        ),
        ["mobility", "saas", "transportation"],
    ),
    (
        ("The parish magazine lists advertisers, the issue they appear in and what they paid."),
        ["media", "nonprofit", "publishing"],
    ),
    (
        ("A ceramics studio sells its mugs and bowls through an online shop and at craft fairs."),
        ["ecommerce", "manufacturing", "retail"],
    ),
    (
        (
            "A conference interpreting agency books interpreters for events by language and "
            "day rate."
        ),
        ["events", "hr", "legal", "media", "publishing"],
    ),
    (
        (
            "Mountain rescue team callouts: each incident has a location, casualties, team "
            "members deployed and hours."
        ),
        ["government", "healthcare", "nonprofit", "public_sector"],
    ),
    (
        (
            "Our brewery taproom runs a mug club: members get a stein, discounted pints and "
            "invites to release parties."
        ),
        ["manufacturing", "restaurants"],
    ),
    (
        ("A gymnastics club for kids: squads, coaches, term fees and competition entries."),
        ["athletics", "sports"],
    ),
    (
        (
            "A stamp dealer catalogues stamps by country and year, with condition, catalogue "
            "value and sale price to collectors."
        ),
        ["ecommerce", "retail"],
    ),
    (
        (
            "The national weather service stores observations from stations every hour, plus "
            "forecasts and warnings issued."
        ),
        ["government", "research", "tech"],
    ),
    (
        (
            "A solar installer quotes homeowners, designs the panel layout, books an install "
            "crew and registers the system with the grid."
        ),
        ["energy", "property"],
    ),
    (
        (
            "Student society membership: societies, committee roles, members and the events "
            "they run each term."
        ),
        ["education", "events", "nonprofit"],
    ),
    (
        (
            "A cattery with pens, cats staying for holidays, vaccination certificates and "
            "feeding notes."
        ),
        ["hospitality", "personal_services"],
    ),
    (
        (
            "A refugee resettlement charity tracks families, caseworkers, housing placements "
            "and language classes."
        ),
        ["nonprofit"],
    ),
    (
        (
            "Bus tour company: tours of the city, departures every hour, guides and tickets "
            "sold online."
        ),
        ["tourism", "transportation", "travel"],
    ),
    (
        (
            "An appliance repair firm sends engineers to customers' homes to fix washing "
            "machines and fridges."
        ),
        ["personal_services", "property"],
    ),
    (
        (
            "A speed dating events company: events in bars, attendees, and matches where both"
            " said yes."
        ),
        ["events", "social_network"],
    ),
    (
        ("need fake data for our vet's online booking thing - owners, pets, vets, slots"),
        ["healthcare"],
    ),
    (
        ("Tables: ships, voyages, ports, cargo manifests. Each voyage calls at several ports."),
        ["logistics", "shipping"],
    ),
    (
        ("I run a little B&B in Cornwall, 4 rooms, want to track guests and what they paid"),
        ["hospitality"],
    ),
    (
        (
            "Data model for a kombucha brand: batches, flavours, tanks, kegs out to cafes and"
            " returns."
        ),
        ["manufacturing"],
    ),
    (
        (
            "Mock data for a hackathon judging app: teams, projects, judges and scores per "
            "criterion."
        ),
        ["events"],
    ),
    (
        ("schema for a local darts league - teams, players, weekly matches, legs and 180s"),
        ["athletics", "entertainment", "sports"],
    ),
    (
        (
            "Our nonprofit hospital radio station: volunteers, shows, patient requests and "
            "songs played."
        ),
        ["healthcare", "media", "nonprofit"],
    ),
    (
        ("A cemetery's plot register: sections, plots, burials, headstones and the plot owners."),
        ["government", "nonprofit", "personal_services"],
    ),
    (
        (
            "Donut shop with two vans at markets; we track each day's dozens baked, sold and "
            "wasted per van."
        ),
        ["manufacturing", "restaurants", "retail"],
    ),
    (
        (
            "An app for a laundry pickup service: customers schedule pickups, drivers collect"
            " bags, we wash and return them."
        ),
        ["logistics", "personal_services"],
    ),
    (
        (
            "Internal tool for an accounting practice: clients, engagements, tax returns and "
            "the staff hours per return."
        ),
        ["finance"],
    ),
    (
        (
            "Quarry weighbridge tickets: trucks, hauliers, material grades and tonnes out per"
            " ticket."
        ),
        ["industrial", "logistics", "manufacturing"],
    ),
    (
        (
            "A storytelling podcast: seasons, episodes, guests, and sponsors reading ads in "
            "each episode."
        ),
        ["media"],
    ),
    (
        (
            "Records for a fostering agency: foster carers, children placed, social workers "
            "and placement reviews."
        ),
        ["government", "healthcare", "nonprofit"],
    ),
    (
        ("Rugby club bar and membership: members, subscriptions, bar tabs and match-day teas."),
        ["athletics", "restaurants", "sports"],
    ),
    (
        ("A newsletter startup: writers, paid subscribers, posts and payouts every month."),
        ["media", "publishing", "saas"],
    ),
    (
        (
            "Campus parking permits: staff and students apply for a permit for a car park "
            "zone, and wardens issue fines."
        ),
        ["education", "government", "mobility", "transportation"],
    ),
    (
        (
            "Dentist chain: practices, dentists, hygienists, patients, check-ups and "
            "treatment plans."
        ),
        ["healthcare"],
    ),
    (
        (
            "A puppy training school: puppies, owners, six-week courses, weekly classes and "
            "trainers."
        ),
        ["education", "personal_services", "sports"],
    ),
    (
        (
            "An auctioneer of farm machinery: lots (tractors, balers), vendors, bidders and "
            "hammer prices."
        ),
        ["agriculture", "automotive", "ecommerce", "retail"],
    ),
    (
        ("Escape room chain with branches, rooms, bookings and completion times."),
        ["entertainment"],
    ),
    (
        (
            "Lighthouse keepers' logbook app for a heritage trust: lighthouses, visits, "
            "weather and maintenance."
        ),
        ["government", "nonprofit"],
    ),
    (
        ("Our bridal boutique: dresses in stock, fittings, alterations and brides' wedding dates."),
        ["personal_services", "retail"],
    ),
    (
        ("A seaside donkey ride business: donkeys, handlers, rides sold per day and vet checks."),
        ["agriculture", "entertainment", "tourism"],
    ),
    (
        ("Space tourism operator: flights, passengers, training days and medical clearances."),
        ["aviation", "tourism", "travel"],
    ),
    (
        (
            "We manage a portfolio of holiday cottages in the Lake District: owners, "
            "properties, guest bookings, cleaning turnovers and owner payouts."
        ),
        ["hospitality", "real_estate", "travel"],
    ),
    (
        (
            "A charity bike ride: riders register, raise sponsorship, choose a route distance"
            " and get a finisher time."
        ),
        ["athletics", "events", "nonprofit", "sports"],
    ),
    (
        (
            "Payroll for a chain of nail bars: technicians, shifts, commissions on services "
            "and monthly payslips."
        ),
        ["hr", "personal_services"],
    ),
    (
        (
            "A carpet cleaning franchise: franchisees, territories, jobs booked by homeowners"
            " and royalties paid to head office."
        ),
        ["personal_services", "property"],
    ),
    (
        (
            "A publisher of board games: designers, titles, print runs, distributors and "
            "royalty statements."
        ),
        ["gaming", "manufacturing", "media", "publishing"],
    ),
    (
        (
            "Port authority pilot boarding records: ships arriving, pilots assigned, boarding"
            " times and tug usage."
        ),
        ["government", "logistics", "shipping"],
    ),
    (
        (
            "An NGO running mobile clinics in rural villages: clinics, visits, patients seen "
            "and medicines given out."
        ),
        ["healthcare", "nonprofit"],
    ),
    (
        (
            "A ticket reseller for football matches: listings by sellers, buyers, fees and "
            "delivery of e-tickets."
        ),
        ["athletics", "ecommerce", "entertainment", "events", "sports"],
    ),
    (
        (
            "Customs brokerage: import entries, HS codes, duties paid and the clients we "
            "clear goods for."
        ),
        ["government", "logistics", "shipping"],
    ),
    (
        (
            "A maths tutoring centre: tutors, students, weekly sessions, parents and monthly "
            "invoices."
        ),
        ["education"],
    ),
    (
        (
            "A vineyard's harvest log: blocks of vines, grape varieties, picking dates and "
            "tonnes per block."
        ),
        ["agriculture"],
    ),
    (
        ("A bowling alley: lanes, games booked by groups, shoe hire and the bar tab."),
        ["entertainment", "sports"],
    ),
    (
        (
            "A union branch: members, their workplaces, subscription payments and casework "
            "for disputes with employers."
        ),
        ["hr", "nonprofit"],
    ),
    (
        ("Municipal library e-book lending: patrons, titles, licences and loans with due dates."),
        ["education", "government"],
    ),
    (
        (
            "A drone survey company flies missions for farmers and builders, storing flights,"
            " pilots, aircraft and the maps produced."
        ),
        ["agriculture", "aviation", "research", "saas", "tech"],
    ),
    (
        (
            "A coffee subscription: subscribers choose a roast and grind, get a bag every two"
            " weeks, and can pause deliveries."
        ),
        ["ecommerce", "manufacturing", "retail"],
    ),
    (
        (
            "Private jet charter broker: aircraft operators, quotes for trips, passengers and"
            " catering requests."
        ),
        ["aviation", "transportation", "travel"],
    ),
    (
        (
            "School canteen pre-orders: pupils, menus by day, meals ordered and parents "
            "topping up balances."
        ),
        ["education", "restaurants"],
    ),
    (
        (
            "A property auction house lists lots, takes bids in the room and online, and "
            "records completions."
        ),
        ["ecommerce", "real_estate"],
    ),
    (
        ("A pet insurance startup: pets, owners, policies, vet claims and excess paid."),
        ["insurance"],
    ),
    (
        (
            "Allotment waiting list for the borough: applicants, sites, plots, tenancy start "
            "dates and annual rent."
        ),
        ["agriculture", "government", "nonprofit", "real_estate"],
    ),
    (
        ("A climbing guide service: clients, guides, guided days on named peaks, and gear loans."),
        ["sports", "tourism", "travel"],
    ),
    (
        ("Tattoo removal clinic: clients, laser sessions, practitioners and skin-type notes."),
        ["healthcare", "personal_services"],
    ),
    (
        ("A rural broadband co-op: members, fibre connections, monthly fees and outage tickets."),
        ["nonprofit", "telecom"],
    ),
    (
        ("A student radio station's show schedule: presenters, shows, time slots and playlists."),
        ["education", "media"],
    ),
    (
        (
            "A bell-ringing guild: towers, ringers, practice nights and peals rung with the "
            "method and duration."
        ),
        ["entertainment", "nonprofit"],
    ),
    (
        (
            "Our orchestra's instrument loans to students: instruments, condition checks, "
            "borrowers and return dates."
        ),
        ["education", "entertainment", "nonprofit"],
    ),
    (
        (
            "Seed company trial grounds: varieties, trial plots, sowing dates and germination"
            " counts."
        ),
        ["agriculture", "research"],
    ),
    (
        (
            "A perfume house: fragrances, formulas of raw materials with percentages, batches"
            " and bottles filled."
        ),
        ["manufacturing"],
    ),
    (
        (
            "Cruise ship guest services: cabins, passengers, shore excursions booked and "
            "onboard spending."
        ),
        ["hospitality", "shipping", "tourism", "travel"],
    ),
    (
        ("Hot-desk booking for our offices: desks, floors, employees and daily reservations."),
        ["hr", "real_estate", "saas"],
    ),
    (
        (
            "A ballet company's touring schedule: productions, venues, dancers cast in roles "
            "and performance dates."
        ),
        ["entertainment", "events"],
    ),
    (
        (
            "Citizen science bird counts: volunteers, survey sites, visits and species "
            "counted per visit."
        ),
        ["nonprofit", "research"],
    ),
    (
        ("A rare book dealer: books with edition, binding and condition, customers, and sales."),
        ["ecommerce", "retail"],
    ),
    (
        ("Ice cream van rounds: vans, drivers, streets on each round and daily takings."),
        ["restaurants", "retail"],
    ),
    (
        ("A kids' coding club franchise: locations, term courses, children enrolled and parents."),
        ["education"],
    ),
    (
        ("Electric bus fleet charging: buses, depots, chargers and charging sessions with kWh."),
        ["energy", "transportation"],
    ),
    (
        (
            "Planning consultancy: clients, sites, planning applications we submit and "
            "council decisions."
        ),
        ["government", "legal", "property", "real_estate"],
    ),
    (
        ("A model railway club: members, layouts, exhibitions attended and rolling stock owned."),
        ["entertainment", "nonprofit"],
    ),
    (
        (
            "Bookkeeping for sole traders: clients, bank transactions imported, categories "
            "and quarterly VAT returns."
        ),
        ["finance"],
    ),
    (
        ("Stadium catering: kiosks, menu items, match days and sales per kiosk."),
        ["athletics", "restaurants", "retail", "sports"],
    ),
    (
        ("A scuba equipment servicing shop: regulators, tanks, service dates and customer dives."),
        ["personal_services", "retail", "sports", "tourism"],
    ),
    (
        (
            "Renewable heat grants scheme: applicants, properties, heat pumps installed and "
            "grant payments."
        ),
        ["energy", "government"],
    ),
    (
        (
            "A fan convention: panels, guests of honour, exhibitors, badges and cosplay "
            "contest entries."
        ),
        ["entertainment", "events"],
    ),
    (
        (
            "Hospital porters' job queue: porters, jobs moving patients between wards, "
            "request times and completion."
        ),
        ["healthcare"],
    ),
    (
        ("A speedway team: riders, meetings, heats and points scored."),
        ["athletics", "sports"],
    ),
    (
        ("A mushroom grower: grow rooms, substrate batches, flushes harvested and kilos sold."),
        ["agriculture"],
    ),
    (
        (
            "Nursery school sign-in: children, parents, keyworkers, daily attendance and "
            "nappy changes."
        ),
        ["education"],
    ),
    (
        (
            "Vintage car restoration workshop: cars, restoration projects, parts sourced and "
            "hours logged."
        ),
        ["automotive"],
    ),
    (
        ("A local council's grit bin and gritting routes: routes, gritters, runs and salt used."),
        ["government"],
    ),
    (
        (
            "A baking competition show: contestants, weekly challenges, and the judges' "
            "scores for each bake."
        ),
        ["entertainment", "events", "media"],
    ),
    (
        (
            "Our garden centre sells plants, compost and tools; each plant has a variety, pot"
            " size and price."
        ),
        ["retail"],
    ),
    (
        (
            "A food blog's recipes: honey-glazed carrots, pepper steak; each recipe lists "
            "ingredients and steps."
        ),
        ["media", "publishing", "restaurants"],
    ),
    (
        (
            "Wholesale bakery customers: cafe name, address, city, country and standing "
            "orders of loaves."
        ),
        ["manufacturing", "restaurants", "retail"],
    ),
    (
        ("A laundromat chain: machines in each store, cycles run, and coins taken per machine."),
        ["personal_services", "retail"],
    ),
    (
        ("Design studio portfolio site: projects, clients, images and case studies."),
        ["media", "personal_services", "property", "saas"],
    ),
    (
        (
            "Expense claims for our sales team: employees submit receipts, managers approve, "
            "finance reimburses."
        ),
        ["finance", "hr", "travel"],
    ),
    (
        (
            "A harp maker's workshop: harps on order, wood stock, build stages and customers'"
            " deposits."
        ),
        ["manufacturing", "retail"],
    ),
    (
        ("Chimney sweep bookings: homes, appliances swept, certificates issued and next due date."),
        ["personal_services", "property"],
    ),
    (
        ("A sailing school: dinghies, instructors, courses by level and students' logbooks."),
        ["education", "sports", "tourism"],
    ),
    (
        ("Wildfire lookout network: towers, lookouts on duty, smoke reports and responses."),
        ["government", "public_sector"],
    ),
    (
        (
            "A cooperative bakery owned by its workers: members, shifts, loaves baked and "
            "profit share."
        ),
        ["manufacturing", "nonprofit", "restaurants", "retail"],
    ),
    (
        (
            "A bridal registry website: couples list gifts, guests buy them, and the shop "
            "ships to the couple."
        ),
        ["ecommerce", "events", "retail"],
    ),
    (
        (
            "Tide-gauge readings from harbour stations every six minutes, with gauges and "
            "calibration logs."
        ),
        ["government", "research", "shipping", "tech"],
    ),
    (
        ("A comedy club: acts, shows each night, ticket sales and the bar takings per show."),
        ["entertainment", "events"],
    ),
    (
        (
            "Ambulance dispatch: emergency calls, crews, vehicles and patient handovers at "
            "hospitals."
        ),
        ["healthcare", "public_sector"],
    ),
    (
        ("Piano teacher's studio: pupils, weekly lessons, exam grades and invoices to parents."),
        ["education"],
    ),
    (
        ("Poultry farm: sheds, flocks, egg collections per day and feed deliveries."),
        ["agriculture"],
    ),
    (
        (
            "A driving range and golf shop: ball buckets sold, bays, lessons with the pro and"
            " shop sales."
        ),
        ["retail", "sports"],
    ),
    (
        ("A rooftop bar's guest list and table bookings for Friday nights, with minimum spends."),
        ["events", "hospitality", "restaurants"],
    ),
    (
        ("A hearing aid clinic: patients, audiograms, devices fitted and follow-up appointments."),
        ["healthcare"],
    ),
    (
        ("A maritime museum's ship models: models, makers, ships they depict and display cases."),
        ["entertainment", "nonprofit"],
    ),
    (
        (
            "Scaffolding hire: sites, scaffold erections, inspections every seven days and "
            "strike dates."
        ),
        ["industrial", "property"],
    ),
    (
        ("A coworking café: members, desk day passes, coffee orders and meeting room bookings."),
        ["real_estate", "restaurants"],
    ),
    (
        ("A church food pantry: clients, visits, food parcels handed out and volunteers on shift."),
        ["nonprofit"],
    ),
    (
        ("A city bike courier co-op: riders, jobs, pickups and drops, and invoices to businesses."),
        ["logistics"],
    ),
    (
        ("A national park's campsite permits: campsites, permits, group size and ranger checks."),
        ["government", "hospitality", "tourism"],
    ),
]


@pytest.mark.parametrize(("text", "acceptable"), CASES)
def test_the_business_names_its_domain(text: str, acceptable: list[str]) -> None:
    domain, *_ = score_domains(tokenize(text), None)
    assert domain in acceptable, text
